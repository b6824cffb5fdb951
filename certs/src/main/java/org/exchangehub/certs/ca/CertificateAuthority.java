package org.exchangehub.certs.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.BouncyCastle;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.certs.sign.UnsuitableKeyException;

/**
 * A certificate authority holding its key in memory: makes a self-signed root (or loads one from PEM files) and
 * issues certificates for fresh key pairs of its own algorithm, and signs CRLs ({@link RevocationList}). Serial
 * numbers are 128 random bits; key identifiers are SHA-256 of the public key, as Fabric's cryptogen computes them.
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

    /**
     * The CA that {@code certs init} wrote: its PEM certificate ({@code ca/ca.crt}) and unencrypted PEM private key
     * ({@code ca/ca.key}), so that more certificates and CRLs can be issued into an existing PKI.
     *
     * @throws MaterialException naming the file when one cannot be read, the certificate is not a CA certificate,
     *     its key is neither P-256 nor SM2, or the key does not belong to the certificate
     */
    public static CertificateAuthority load(Path caCertificate, Path caKey) {
        X509Certificate certificate = Pem.readCertificate(caCertificate);
        PrivateKey key = Pem.readPrivateKey(caKey);
        if (certificate.getBasicConstraints() < 0) {
            throw new MaterialException(caCertificate + " is not a CA certificate (basic constraints cA is not set): "
                    + certificate.getSubjectX500Principal().getName());
        }
        SignatureAlgorithm algorithm;
        try {
            algorithm = SignatureAlgorithm.forKey(certificate.getPublicKey());
        } catch (UnsuitableKeyException e) {
            throw new MaterialException(caCertificate + ": " + e.getMessage(), e);
        }
        byte[] probe = "does this key belong to this certificate?".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            matches = algorithm.verify(certificate, probe, algorithm.sign(key, probe));
        } catch (UnsuitableKeyException e) {
            matches = false;
        }
        if (!matches) {
            throw new MaterialException(caKey + " is not the private key of " + caCertificate + " ("
                    + certificate.getSubjectX500Principal().getName() + ")");
        }
        return new CertificateAuthority(algorithm, new Credential(key, certificate), new SecureRandom());
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
     *
     * @throws IllegalArgumentException if the CA has already expired (a certificate would end before it starts)
     */
    public Credential issue(
            X500Name subject, CertificateProfile profile, List<GeneralName> alternativeNames, Duration validity) {
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
        Instant caExpiry = certificate().getNotAfter().toInstant();
        Instant notAfter = notBefore.plus(validity).isAfter(caExpiry) ? caExpiry : notBefore.plus(validity);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException(
                    "the CA " + certificate().getSubjectX500Principal().getName() + " expired at " + caExpiry
                            + ": it cannot issue certificates any more");
        }
        return issue(subject, profile, alternativeNames, notBefore, notAfter);
    }

    /**
     * Issues a certificate for a fresh key pair with exactly the validity given (truncated to seconds), even one that
     * has expired or is not valid yet, or outlives the CA: for tests of validity checks, and for callers that plan the
     * dates themselves.
     *
     * @throws IllegalArgumentException if {@code notAfter} is not after {@code notBefore}
     */
    public Credential issue(
            X500Name subject,
            CertificateProfile profile,
            List<GeneralName> alternativeNames,
            Instant notBefore,
            Instant notAfter) {
        Instant start = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant end = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "a certificate must end after it starts: notBefore " + start + ", notAfter " + end);
        }
        KeyPair keys = algorithm.generateKeyPair();
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
                start,
                end);
        return new Credential(keys.getPrivate(), certificate);
    }

    /**
     * Whether this CA issued the certificate: its issuer name is the CA's subject and the CA's key verifies its
     * signature.
     */
    public boolean issued(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(certificate().getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate().getPublicKey(), BouncyCastle.provider());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
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
