package org.exchangehub.hub.notary;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.hub.security.DevelopmentPkiDirectory;

/**
 * The hub's signing key and certificate, which sign every batch's tree head. Taken from {@code hub.signing.*} when
 * configured; otherwise from the development PKI under the data directory, which the first start writes with the
 * certs library (throw-away material, never committed).
 */
public final class HubSigner {

    /** The parties of the development PKI: the four agencies and the hub. */
    private final PrivateKey key;

    private final X509Certificate certificate;
    private final X509Certificate issuer;
    private final SignatureAlgorithm algorithm;
    private final String certificatePem;

    public HubSigner(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {
        this.key = key;
        this.certificate = certificate;
        this.issuer = issuer;
        this.algorithm = SignatureAlgorithm.forKey(certificate.getPublicKey());
        this.certificatePem = Pem.certificate(certificate);
    }

    /** Loads the configured key, or the development PKI's hub key (writing that PKI first if it does not exist). */
    public static HubSigner load(Path certificate, Path privateKey, Path caCertificate, Path dataDir) {
        if (certificate != null && privateKey != null) {
            return new HubSigner(
                    Pem.readPrivateKey(privateKey),
                    Pem.readCertificate(certificate),
                    caCertificate == null ? null : Pem.readCertificate(caCertificate));
        }
        Path pki = DevelopmentPkiDirectory.of(dataDir);
        return new HubSigner(
                Pem.readPrivateKey(pki.resolve("hub/sign.key")),
                Pem.readCertificate(pki.resolve("hub/sign.crt")),
                Pem.readCertificate(pki.resolve("ca/ca.crt")));
    }

    /** Base64 DER signature over a tree head's canonical statement. */
    public String sign(TreeHead head) {
        return Base64.getEncoder().encodeToString(algorithm.sign(key, head.statement()));
    }

    /** The JCA name of the signature algorithm, e.g. {@code SHA256withECDSA}. */
    public String algorithmName() {
        return algorithm.jcaName();
    }

    public String certificatePem() {
        return certificatePem;
    }

    /** Whether a signer certificate is the hub's or was issued by the hub's CA. */
    public boolean trusts(X509Certificate signer) {
        if (signer.equals(certificate)) {
            return true;
        }
        if (issuer == null) {
            return false;
        }
        try {
            signer.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
