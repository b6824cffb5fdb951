package org.exchangehub.hub.ledger;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The identity the hub uses on the ledger: an MSP id and an X.509 certificate with its private key (ECDSA P-256, as
 * Fabric requires). On Fabric it signs proposals; on the embedded ledger it is the creator of every transaction and
 * signs every block.
 */
public record LedgerIdentity(String mspId, X509Certificate certificate, PrivateKey privateKey) {

    /** The creator bytes Fabric puts in a proposal: a protobuf {@code SerializedIdentity} with the PEM certificate. */
    public byte[] serializedIdentity() {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(com.google.protobuf.ByteString.copyFrom(certificatePem(), StandardCharsets.UTF_8))
                .build()
                .toByteArray();
    }

    /** The certificate as PEM text. */
    public String certificatePem() {
        return pem(certificate);
    }

    /** SHA256withECDSA signature (DER) over the data. */
    public byte[] sign(byte[] data) {
        return SignatureAlgorithm.ECDSA_P256.sign(privateKey, data);
    }

    /** PEM text of a certificate. */
    public static String pem(X509Certificate certificate) {
        return Pem.certificate(certificate);
    }
}
