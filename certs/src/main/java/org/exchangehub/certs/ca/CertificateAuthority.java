package org.exchangehub.certs.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.exchangehub.certs.sign.BouncyCastle;
import org.exchangehub.certs.sign.SignatureAlgorithm;

/**
 * A certificate authority holding its key in memory: makes a self-signed root and issues certificates for fresh key
 * pairs of its own algorithm. Serial numbers are 128 random bits; key identifiers are SHA-256 of the public key, as
 * Fabric's cryptogen computes them.
 */
public final class CertificateAuthority {

    /** Certificates start this long before now, so that a peer whose clock is a little behind accepts them. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final SignatureAlgorithm algorithm;
    private final Credential credential;
    private final SecureRandom random;

    private CertificateAuthority(SignatureAlgorithm algorithm, Credential credential, SecureRandom random) {
        this.algorithm = algorithm;
        this.credential = credential;
        this.random = random;
    }

    /** A new root CA: a fresh key pair and a self-signed certificate valid for {@code validity} from now. */
    public static CertificateAuthority selfSigned(
            SignatureAlgorithm algorithm, X500Name subject, CertificateProfile profile, Duration validity) {
        if (!profile.authority()) {
            throw new IllegalArgumentException("a root CA needs a CA profile, not " + profile);
        }
        SecureRandom random = new SecureRandom();
        KeyPair keys = algorithm.generateKeyPair();
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
        X509Certificate certificate = build(
                algorithm,
                random,
                subject,
                keys.getPublic(),
                subject,
                keys.getPublic(),
                keys.getPrivate(),
                profile,
                List.of(),
                notBefore,
                notBefore.plus(validity));
        return new CertificateAuthority(algorithm, new Credential(keys.getPrivate(), certificate), random);
    }

    /** The algorithm of the CA's key, and of every key it issues for. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The CA's own certificate. */
    public X509Certificate certificate() {
        return credential.certificate();
    }

    /** The CA's key and certificate. */
    public Credential credential() {
        return credential;
    }

    /**
     * Issues a certificate for a fresh key pair; it expires after {@code validity}, or with the CA if that is sooner.
     */
    public Credential issue(
            X500Name subject, CertificateProfile profile, List<GeneralName> alternativeNames, Duration validity) {
        KeyPair keys = algorithm.generateKeyPair();
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
        Instant caExpiry = certificate().getNotAfter().toInstant();
        Instant notAfter = notBefore.plus(validity).isAfter(caExpiry) ? caExpiry : notBefore.plus(validity);
        X509Certificate certificate = build(
                algorithm,
                random,
                subject,
                keys.getPublic(),
                X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded()),
                certificate().getPublicKey(),
                credential.privateKey(),
                profile,
                alternativeNames,
                notBefore,
                notAfter);
        return new Credential(keys.getPrivate(), certificate);
    }

    /** SHA-256 of the public key's bit string: RFC 7093 section 2 method 4, untruncated, as cryptogen does it. */
    static byte[] keyIdentifier(PublicKey key) {
        byte[] point = SubjectPublicKeyInfo.getInstance(key.getEncoded())
                .getPublicKeyData()
                .getBytes();
        try {
            return MessageDigest.getInstance("SHA-256").digest(point);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static X509Certificate build(
            SignatureAlgorithm algorithm,
            SecureRandom random,
            X500Name subject,
            PublicKey subjectKey,
            X500Name issuer,
            PublicKey issuerKey,
            PrivateKey signingKey,
            CertificateProfile profile,
            List<GeneralName> alternativeNames,
            Instant notBefore,
            Instant notAfter) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer, serialNumber(random), Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(profile.authority()));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage()));
            if (!profile.extendedKeyUsage().isEmpty()) {
                builder.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(profile.extendedKeyUsage().toArray(KeyPurposeId[]::new)));
            }
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(subjectKey)));
            if (!subjectKey.equals(issuerKey)) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier(issuerKey)));
            }
            if (!alternativeNames.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
            }
            var signer = new JcaContentSignerBuilder(algorithm.jcaName())
                    .setProvider(BouncyCastle.provider())
                    .build(signingKey);
            return new JcaX509CertificateConverter()
                    .setProvider(BouncyCastle.provider())
                    .getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** A random positive serial of at most 128 bits (RFC 5280 allows 20 octets; CAs/B Forum wants 64+ random bits). */
    private static BigInteger serialNumber(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }
}
