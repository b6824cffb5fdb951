package org.exchangehub.chaincode;

import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.contract.ClientIdentity;

/**
 * Who may change the list of MSPs allowed to anchor: an identity whose certificate subject has {@code OU=admin}
 * (Fabric's NodeOU convention, which the peer's MSP has already validated) or that carries the Fabric CA attribute
 * {@code notary.admin=true}.
 */
final class AdminIdentity {

    /** Fabric CA attribute that makes an identity a notary admin. */
    static final String ADMIN_ATTRIBUTE = "notary.admin";
    /** The organizational unit Fabric's NodeOUs give admins. */
    static final String ADMIN_OU = "admin";

    private AdminIdentity() {}

    static boolean isAdmin(ClientIdentity identity) {
        if (identity.assertAttributeValue(ADMIN_ATTRIBUTE, "true")) {
            return true;
        }
        X509Certificate certificate = identity.getX509Certificate();
        if (certificate == null) {
            return false;
        }
        try {
            LdapName subject =
                    new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
            for (Rdn rdn : subject.getRdns()) {
                // toAttributes also sees multi-valued RDNs such as OU=admin+CN=alice.
                Attribute unit = rdn.toAttributes().get("OU");
                if (unit != null && unit.contains(ADMIN_OU)) {
                    return true;
                }
            }
            return false;
        } catch (InvalidNameException e) {
            // The JDK wrote this name in RFC 2253 form itself; an unreadable one is no admin's.
            return false;
        }
    }
}
