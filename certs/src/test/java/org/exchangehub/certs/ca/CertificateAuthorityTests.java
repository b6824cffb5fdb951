package org.exchangehub.certs.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.BouncyCastle;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTests {

    private static CertificateAuthority ca;

    @BeforeAll
    static void makeAuthority() {
        ca = CertificateAuthority.selfSigned(
                SignatureAlgorithm.ECDSA_P256,
                new X500Name("O=test,CN=root"),
                CertificateProfile.ROOT_CA,
                Duration.ofDays(30));
    }

    private static byte[] extension(X509Certificate certificate, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        return ASN1OctetString.getInstance(certificate.getExtensionValue(oid.getId()))
                .getOctets();
    }

    @Nested
    class SelfSigned {

        @Test
        void isACaSignedByItsOwnKeyWithACryptogenStyleKeyIdentifier() throws Exception {
            X509Certificate root = ca.certificate();
            byte[] point = SubjectPublicKeyInfo.getInstance(root.getPublicKey().getEncoded())
                    .getPublicKeyData()
                    .getBytes();

            root.verify(root.getPublicKey(), BouncyCastle.provider());
            assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
            assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
            assertThat(ASN1OctetString.getInstance(extension(root, Extension.subjectKeyIdentifier))
                            .getOctets())
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(point));
            assertThat(root.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                    .isNull();
            assertThat(root.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
        }

        @Test
        void refusesALeafProfile() {
            assertThatThrownBy(() -> CertificateAuthority.selfSigned(
                            SignatureAlgorithm.ECDSA_P256,
                            new X500Name("CN=x"),
                            CertificateProfile.SIGNING,
                            Duration.ofDays(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SIGNING");
        }
    }

    @Nested
    class Issue {

        @Test
        void issuesARandomPositiveSerialWithTheAuthorityKeyIdentifier() throws Exception {
            Credential first =
                    ca.issue(new X500Name("CN=a"), CertificateProfile.SIGNING, List.of(), Duration.ofDays(1));
            Credential second =
                    ca.issue(new X500Name("CN=a"), CertificateProfile.SIGNING, List.of(), Duration.ofDays(1));

            first.certificate().verify(ca.certificate().getPublicKey(), BouncyCastle.provider());
            assertThat(first.certificate().getSerialNumber())
                    .isPositive()
                    .isNotEqualTo(second.certificate().getSerialNumber());
            assertThat(first.certificate().getSerialNumber().bitLength()).isGreaterThan(64);
            assertThat(AuthorityKeyIdentifier.getInstance(
                                    extension(first.certificate(), Extension.authorityKeyIdentifier))
                            .getKeyIdentifier())
                    .isEqualTo(ASN1OctetString.getInstance(extension(ca.certificate(), Extension.subjectKeyIdentifier))
                            .getOctets());
            assertThat(first.certificate().getIssuerX500Principal())
                    .isEqualTo(ca.certificate().getSubjectX500Principal());
            assertThat(first.certificate().getBasicConstraints()).isEqualTo(-1);
        }

        @Test
        void backdatesAndNeverOutlivesTheAuthority() {
            Credential longLived =
                    ca.issue(new X500Name("CN=b"), CertificateProfile.TLS_SERVER, List.of(), Duration.ofDays(3650));

            assertThat(longLived.certificate().getNotAfter())
                    .isEqualTo(ca.certificate().getNotAfter());
            assertThat(longLived.certificate().getNotBefore().toInstant())
                    .isBefore(Instant.now().minusSeconds(60));
        }

        @Test
        void issuesKeysOfItsOwnAlgorithm() {
            Credential leaf =
                    ca.issue(new X500Name("CN=c"), CertificateProfile.TLS_CLIENT, List.of(), Duration.ofDays(1));

            assertThat(SignatureAlgorithm.forKey(leaf.privateKey())).isEqualTo(ca.algorithm());
            assertThat(ca.credential().certificate()).isSameAs(ca.certificate());
        }
    }

    @Nested
    class ExplicitValidity {

        @Test
        void issuesExactlyTheDatesGivenEvenInThePast() {
            Instant notBefore = Instant.parse("2020-01-01T00:00:00Z");
            Instant notAfter = Instant.parse("2020-06-30T12:00:00.750Z");

            Credential expired =
                    ca.issue(new X500Name("CN=old"), CertificateProfile.SIGNING, List.of(), notBefore, notAfter);

            assertThat(expired.certificate().getNotBefore().toInstant()).isEqualTo(notBefore);
            assertThat(expired.certificate().getNotAfter().toInstant())
                    .isEqualTo(Instant.parse("2020-06-30T12:00:00Z"));
            assertThatThrownBy(() -> expired.certificate().checkValidity())
                    .isInstanceOf(java.security.cert.CertificateExpiredException.class);
        }

        @Test
        void refusesAnEndThatIsNotAfterTheStart() {
            Instant start = Instant.parse("2030-01-01T00:00:00Z");

            assertThatThrownBy(
                            () -> ca.issue(new X500Name("CN=x"), CertificateProfile.SIGNING, List.of(), start, start))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must end after it starts");
        }

        @Test
        void tellsWhatItIssued() {
            CertificateAuthority other = CertificateAuthority.selfSigned(
                    SignatureAlgorithm.ECDSA_P256,
                    new X500Name("O=test,CN=root"),
                    CertificateProfile.ROOT_CA,
                    Duration.ofDays(1));
            Credential mine =
                    ca.issue(new X500Name("CN=mine"), CertificateProfile.SIGNING, List.of(), Duration.ofDays(1));

            assertThat(ca.issued(mine.certificate())).isTrue();
            assertThat(other.issued(mine.certificate()))
                    .as("same name, other key")
                    .isFalse();
            assertThat(ca.issued(other.certificate())).isFalse();
        }
    }

    @Nested
    class Load {

        @TempDir
        Path directory;

        private Path write(String name, String pem) throws Exception {
            return Files.writeString(directory.resolve(name), pem);
        }

        @Test
        void loadsTheCaBackAndIssuesWithIt() throws Exception {
            Path certificate = write("ca.crt", Pem.certificate(ca.certificate()));
            Path key = write("ca.key", Pem.privateKey(ca.credential().privateKey()));

            CertificateAuthority loaded = CertificateAuthority.load(certificate, key);
            Credential issued =
                    loaded.issue(new X500Name("CN=later"), CertificateProfile.SIGNING, List.of(), Duration.ofDays(1));

            assertThat(loaded.certificate()).isEqualTo(ca.certificate());
            assertThat(loaded.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256);
            assertThat(ca.issued(issued.certificate())).isTrue();
        }

        @Test
        void loadsAnSm2Ca() throws Exception {
            CertificateAuthority sm2 = CertificateAuthority.selfSigned(
                    SignatureAlgorithm.SM2, new X500Name("CN=sm2"), CertificateProfile.ROOT_CA, Duration.ofDays(1));

            CertificateAuthority loaded = CertificateAuthority.load(
                    write("sm2.crt", Pem.certificate(sm2.certificate())),
                    write("sm2.key", Pem.privateKey(sm2.credential().privateKey())));

            assertThat(loaded.algorithm()).isEqualTo(SignatureAlgorithm.SM2);
        }

        @Test
        void refusesAKeyOfAnotherCertificate() throws Exception {
            Path certificate = write("ca.crt", Pem.certificate(ca.certificate()));
            CertificateAuthority other = CertificateAuthority.selfSigned(
                    SignatureAlgorithm.SM2, new X500Name("CN=x"), CertificateProfile.ROOT_CA, Duration.ofDays(1));
            Path foreignKey =
                    write("other.key", Pem.privateKey(other.credential().privateKey()));

            assertThatThrownBy(() -> CertificateAuthority.load(certificate, foreignKey))
                    .isInstanceOf(MaterialException.class)
                    .hasMessage(foreignKey + " is not the private key of " + certificate + " (CN=root,O=test)");
        }

        @Test
        void refusesALeafCertificate() throws Exception {
            Credential leaf =
                    ca.issue(new X500Name("CN=leaf"), CertificateProfile.SIGNING, List.of(), Duration.ofDays(1));
            Path certificate = write("leaf.crt", Pem.certificate(leaf.certificate()));
            Path key = write("leaf.key", Pem.privateKey(leaf.privateKey()));

            assertThatThrownBy(() -> CertificateAuthority.load(certificate, key))
                    .isInstanceOf(MaterialException.class)
                    .hasMessageContaining(certificate + " is not a CA certificate");
        }

        @Test
        void namesAMissingFile() {
            assertThatThrownBy(
                            () -> CertificateAuthority.load(directory.resolve("ca.crt"), directory.resolve("ca.key")))
                    .isInstanceOf(MaterialException.class)
                    .hasMessage("no such file: " + directory.resolve("ca.crt"));
        }
    }
}
