package org.exchangehub.hub;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.exchangehub.hub.ledger.LedgerIdentity;

/** Throw-away ECDSA P-256 ledger identities for tests, made fresh in memory (nothing is written or committed). */
public final class TestIdentities {

    private TestIdentities() {}

    /** A self-signed identity whose subject carries the Fabric NodeOU {@code ou} (admin, client, peer, orderer). */
    public static LedgerIdentity ledgerIdentity(String mspId, String commonName, String ou) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName + ",OU=" + ou + ",O=" + mspId);
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    subject,
                                    BigInteger.valueOf(now.toEpochMilli()),
                                    Date.from(now.minus(Duration.ofMinutes(1))),
                                    Date.from(now.plus(Duration.ofDays(1))),
                                    subject,
                                    keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new LedgerIdentity(mspId, certificate, keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test identity", e);
        }
    }
}
