package org.exchangehub.certs.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.exchangehub.certs.sign.BouncyCastle;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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
}
