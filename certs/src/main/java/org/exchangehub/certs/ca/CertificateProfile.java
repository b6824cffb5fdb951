package org.exchangehub.certs.ca;

import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/** What a certificate may be used for: its basic constraints, key usage and extended key usage. */
public enum CertificateProfile {
    /** A root CA of the development PKI: signs certificates and CRLs. */
    ROOT_CA(true, KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature, List.of()),
    /** A party's record-signing certificate: digital signatures with non-repudiation. */
    SIGNING(false, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of()),
    /** A TLS client certificate, for mutual TLS towards the hub. */
    TLS_CLIENT(false, KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_clientAuth)),
    /** A TLS server certificate. */
    TLS_SERVER(false, KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_serverAuth)),
    /** A Fabric organization's CA or TLS CA, as cryptogen makes them. */
    FABRIC_CA(
            true,
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign | KeyUsage.cRLSign,
            List.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth)),
    /** A Fabric MSP signing identity (peer, orderer, admin, client), as cryptogen makes it. */
    FABRIC_IDENTITY(false, KeyUsage.digitalSignature, List.of()),
    /** A Fabric node's or user's TLS certificate (server and client), as cryptogen makes it. */
    FABRIC_TLS(
            false,
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
            List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth));

    private final boolean authority;
    private final int keyUsage;
    private final List<KeyPurposeId> extendedKeyUsage;

    CertificateProfile(boolean authority, int keyUsage, List<KeyPurposeId> extendedKeyUsage) {
        this.authority = authority;
        this.keyUsage = keyUsage;
        this.extendedKeyUsage = extendedKeyUsage;
    }

    /** Whether the certificate is a CA certificate (basic constraints cA=true). */
    public boolean authority() {
        return authority;
    }

    /** The key usage bits, as {@link KeyUsage} constants. */
    int keyUsage() {
        return keyUsage;
    }

    /** The extended key usages; empty for none. */
    List<KeyPurposeId> extendedKeyUsage() {
        return extendedKeyUsage;
    }
}
