package org.exchangehub.certs.msp;

import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.CertificateProfile;
import org.exchangehub.certs.ca.Credential;
import org.exchangehub.certs.keystore.MaterialBundle;
import org.exchangehub.certs.keystore.Pem;

/** One node's or user's local MSP and TLS folder, as cryptogen's {@code GenerateLocalMSP} lays them out. */
final class LocalMsp {

    private final CertificateAuthority signingCa;
    private final CertificateAuthority tlsCa;
    private final String caFile;
    private final String tlsCaFile;
    private final Duration validity;

    LocalMsp(CertificateAuthority signingCa, CertificateAuthority tlsCa, String domain, Duration validity) {
        this.signingCa = signingCa;
        this.tlsCa = tlsCa;
        this.caFile = "ca." + domain + "-cert.pem";
        this.tlsCaFile = "tlsca." + domain + "-cert.pem";
        this.validity = validity;
    }

    /** Adds {@code <base>/msp/...} and {@code <base>/tls/...} for the identity named {@code name} (its FQDN). */
    void add(MaterialBundle bundle, String base, String name, NodeType type, List<GeneralName> tlsNames) {
        Credential identity = signingCa.issue(
                subject(name, type.organizationalUnit()), CertificateProfile.FABRIC_IDENTITY, List.of(), validity);
        addVerifyingMsp(bundle, base + "/msp");
        bundle.add(base + "/msp/signcerts/" + name + "-cert.pem", Pem.certificate(identity.certificate()));
        bundle.addSecret(base + "/msp/keystore/priv_sk", Pem.privateKey(identity.privateKey()));

        Credential tls = tlsCa.issue(subject(name, null), CertificateProfile.FABRIC_TLS, tlsNames, validity);
        String prefix = base + "/tls/" + type.tlsFilePrefix();
        bundle.add(base + "/tls/ca.crt", Pem.certificate(tlsCa.certificate()));
        bundle.add(prefix + ".crt", Pem.certificate(tls.certificate()));
        bundle.addSecret(prefix + ".key", Pem.privateKey(tls.privateKey()));
    }

    /** Adds an MSP folder that can verify but not sign: CA certificates, TLS CA certificates, NodeOUs. */
    void addVerifyingMsp(MaterialBundle bundle, String mspDirectory) {
        bundle.addDirectory(mspDirectory + "/admincerts");
        bundle.add(mspDirectory + "/cacerts/" + caFile, Pem.certificate(signingCa.certificate()));
        bundle.add(mspDirectory + "/tlscacerts/" + tlsCaFile, Pem.certificate(tlsCa.certificate()));
        bundle.add(mspDirectory + "/config.yaml", MspConfig.nodeOus(caFile));
    }

    private static X500Name subject(String commonName, String organizationalUnit) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (organizationalUnit != null) {
            builder.addRDN(BCStyle.OU, organizationalUnit);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }
}
