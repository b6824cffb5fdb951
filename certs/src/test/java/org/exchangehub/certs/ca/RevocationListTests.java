package org.exchangehub.certs.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationListTests {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant NEXT = NOW.plus(Duration.ofDays(7));

    private static CertificateAuthority ca;
    private static CertificateAuthority sameNameCa;
    private static CertificateAuthority otherNameCa;
    private static X509Certificate first;
    private static X509Certificate second;
    private static X509Certificate third;

    @TempDir
    Path directory;

    @BeforeAll
    static void makeAuthorities() {
        ca = root(SignatureAlgorithm.ECDSA_P256, "root");
        sameNameCa = root(SignatureAlgorithm.ECDSA_P256, "root");
        otherNameCa = root(SignatureAlgorithm.ECDSA_P256, "other root");
        first = leaf(ca, "first");
        second = leaf(ca, "second");
        third = leaf(ca, "third");
    }

    private static CertificateAuthority root(SignatureAlgorithm algorithm, String name) {
        return CertificateAuthority.selfSigned(
                algorithm, new X500Name("O=test,CN=" + name), CertificateProfile.ROOT_CA, Duration.ofDays(30));
    }

    private static X509Certificate leaf(CertificateAuthority authority, String name) {
        return authority
                .issue(new X500Name("CN=" + name), CertificateProfile.TLS_CLIENT, List.of(), Duration.ofDays(1))
                .certificate();
    }

    private static RevocationList empty() {
        return RevocationList.empty(ca, NOW, NEXT);
    }

    @Nested
    class Issue {

        @Test
        void startsEmptyWithNumberOneSignedByTheCa() throws Exception {
            RevocationList crl = empty();
            X509CRL jca = crl.toX509Crl();

            assertThat(crl.entries()).isEmpty();
            assertThat(crl.number()).contains(BigInteger.ONE);
            assertThat(crl.issuer()).isEqualTo(ca.certificate().getSubjectX500Principal());
            assertThat(crl.thisUpdate()).isEqualTo(NOW);
            assertThat(crl.nextUpdate()).contains(NEXT);
            assertThat(jca.getVersion()).isEqualTo(2);
            assertThat(jca.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                    .isNotNull();
            jca.verify(ca.certificate().getPublicKey());
        }

        @Test
        void addsACertificateWithItsReasonAndTheNextNumber() {
            Instant revokedAt = NOW.plusSeconds(60);

            RevocationList crl =
                    empty().withRevoked(ca, first.getSerialNumber(), RevocationReason.KEY_COMPROMISE, revokedAt, NEXT);

            assertThat(crl.number()).contains(BigInteger.TWO);
            assertThat(crl.thisUpdate()).isEqualTo(revokedAt);
            assertThat(crl.entries()).containsExactly(new RevocationList.Entry(first.getSerialNumber(), revokedAt, 1));
            assertThat(crl.entries().get(0).reason()).isEqualTo("keyCompromise");
        }

        @Test
        void keepsEveryEarlierEntryAndCountsUp() {
            RevocationList crl = empty().withRevoked(
                            ca, first.getSerialNumber(), RevocationReason.SUPERSEDED, NOW, NEXT)
                    .withRevoked(ca, second.getSerialNumber(), RevocationReason.CESSATION_OF_OPERATION, NOW, NEXT)
                    .withRevoked(ca, third.getSerialNumber(), RevocationReason.UNSPECIFIED, NOW, NEXT);

            assertThat(crl.number()).contains(BigInteger.valueOf(4));
            assertThat(crl.entries())
                    .extracting(RevocationList.Entry::serial, RevocationList.Entry::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(first.getSerialNumber(), "superseded"),
                            org.assertj.core.groups.Tuple.tuple(second.getSerialNumber(), "cessationOfOperation"),
                            org.assertj.core.groups.Tuple.tuple(third.getSerialNumber(), "unspecified"));
        }

        @Test
        void writesUnspecifiedAsNoReasonCodeAsRfc5280Says() {
            RevocationList crl = empty().withRevoked(
                            ca, first.getSerialNumber(), RevocationReason.UNSPECIFIED, NOW, NEXT)
                    .withRevoked(ca, second.getSerialNumber(), RevocationReason.SUPERSEDED, NOW, NEXT);
            X509CRL jca = crl.toX509Crl();

            assertThat(jca.getRevokedCertificate(first).getExtensionValue(Extension.reasonCode.getId()))
                    .isNull();
            assertThat(jca.getRevokedCertificate(second).getRevocationReason()).hasToString("SUPERSEDED");
        }

        @Test
        void renewsWithTheSameEntriesAndTheNextNumber() {
            RevocationList revoked =
                    empty().withRevoked(ca, first.getSerialNumber(), RevocationReason.SUPERSEDED, NOW, NEXT);
            Instant later = NOW.plus(Duration.ofDays(6));

            RevocationList renewed = revoked.renewed(ca, later, later.plus(Duration.ofDays(7)));

            assertThat(renewed.number()).contains(BigInteger.valueOf(3));
            assertThat(renewed.entries()).isEqualTo(revoked.entries());
            assertThat(renewed.isCurrentAt(later.plus(Duration.ofDays(3)))).isTrue();
            assertThat(revoked.isCurrentAt(later.plus(Duration.ofDays(3)))).isFalse();
        }

        @Test
        void refusesToRevokeTwice() {
            RevocationList crl =
                    empty().withRevoked(ca, first.getSerialNumber(), RevocationReason.SUPERSEDED, NOW, NEXT);

            assertThatThrownBy(() ->
                            crl.withRevoked(ca, first.getSerialNumber(), RevocationReason.KEY_COMPROMISE, NOW, NEXT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("serial " + first.getSerialNumber().toString(16) + " is already revoked (since " + NOW
                            + ", superseded)");
        }

        @Test
        void refusesToExtendTheCrlOfAnotherCa() {
            RevocationList crl = empty();

            assertThatThrownBy(() -> crl.withRevoked(
                            sameNameCa, first.getSerialNumber(), RevocationReason.SUPERSEDED, NOW, NEXT))
                    .isInstanceOf(RevocationListException.class)
                    .hasMessageContaining("is not signed by CN=root,O=test");
        }

        @Test
        void refusesANextUpdateBeforeThisUpdate() {
            assertThatThrownBy(() -> RevocationList.empty(ca, NOW, NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("next update must come after");
        }

        @Test
        void signsWithSm2ForAnSm2Ca() {
            CertificateAuthority sm2 = root(SignatureAlgorithm.SM2, "sm2 root");
            X509Certificate leaf = leaf(sm2, "sm2 leaf");

            RevocationList crl = RevocationList.empty(sm2, NOW, NEXT)
                    .withRevoked(sm2, leaf.getSerialNumber(), RevocationReason.KEY_COMPROMISE, NOW, NEXT);

            crl.verifySignedBy(sm2.certificate());
            assertThat(crl.isRevoked(leaf)).isTrue();
            assertThat(crl.toX509Crl().getSigAlgName()).containsIgnoringCase("SM2");
        }
    }

    @Nested
    class Query {

        @Test
        void saysWhichCertificatesAreRevoked() {
            RevocationList crl =
                    empty().withRevoked(ca, first.getSerialNumber(), RevocationReason.KEY_COMPROMISE, NOW, NEXT);

            assertThat(crl.isRevoked(first)).isTrue();
            assertThat(crl.isRevoked(second)).isFalse();
            assertThat(crl.isRevoked(first.getSerialNumber())).isTrue();
            assertThat(crl.entry(second.getSerialNumber())).isEmpty();
            assertThat(crl.entry(first.getSerialNumber()).orElseThrow().reasonCode())
                    .isEqualTo(1);
        }

        @Test
        void refusesToJudgeCertificatesOfAnotherCa() {
            X509Certificate foreign = leaf(otherNameCa, "foreign");

            assertThatThrownBy(() -> empty().isRevoked(foreign))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the CRL of CN=root,O=test says nothing about certificates issued by"
                            + " CN=other root,O=test");
        }

        @Test
        void isCurrentFromThisUpdateUntilNextUpdate() {
            RevocationList crl = empty();

            assertThat(crl.isCurrentAt(NOW)).isTrue();
            assertThat(crl.isCurrentAt(NEXT.minusSeconds(1))).isTrue();
            assertThat(crl.isCurrentAt(NEXT)).isFalse();
            assertThat(crl.isCurrentAt(NOW.minusSeconds(1))).isFalse();
        }

        @Test
        void letsTheJdkPkixValidatorRefuseARevokedCertificate() throws Exception {
            RevocationList crl =
                    empty().withRevoked(ca, first.getSerialNumber(), RevocationReason.KEY_COMPROMISE, NOW, NEXT);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
            parameters.setRevocationEnabled(true);
            parameters.addCertStore(
                    CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl.toX509Crl()))));
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");

            validator.validate(factory.generateCertPath(List.of(second)), parameters);
            assertThatThrownBy(() -> validator.validate(factory.generateCertPath(List.of(first)), parameters))
                    .isInstanceOf(CertPathValidatorException.class)
                    .extracting(e -> ((CertPathValidatorException) e).getReason())
                    .hasToString("REVOKED");
        }
    }

    @Test
    void letsTheJdkPkixValidatorRefuseEveryCertificateWhenTheCrlIsStale() throws Exception {
        RevocationList stale = RevocationList.empty(ca, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(true);
        parameters.addCertStore(
                CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(stale.toX509Crl()))));

        assertThat(stale.isCurrentAt(NOW)).isFalse();
        assertThatThrownBy(() -> CertPathValidator.getInstance("PKIX")
                        .validate(
                                CertificateFactory.getInstance("X.509").generateCertPath(List.of(second)), parameters))
                .isInstanceOf(CertPathValidatorException.class)
                .extracting(e -> ((CertPathValidatorException) e).getReason())
                .hasToString("UNDETERMINED_REVOCATION_STATUS");
    }

    @Nested
    class ReadAndLoad {

        @Test
        void readsBackPemAndDer() throws Exception {
            RevocationList crl =
                    empty().withRevoked(ca, first.getSerialNumber(), RevocationReason.SUPERSEDED, NOW, NEXT);
            Path pem = Files.writeString(directory.resolve("ca.crl"), crl.pem());
            Path der = Files.write(directory.resolve("ca.der.crl"), crl.encoded());

            assertThat(crl.pem()).startsWith("-----BEGIN X509 CRL-----\n").endsWith("-----END X509 CRL-----\n");
            assertThat(RevocationList.load(pem, ca.certificate()).encoded()).isEqualTo(crl.encoded());
            assertThat(RevocationList.load(der, ca.certificate()).entries()).isEqualTo(crl.entries());
        }

        @Test
        void refusesACrlSignedByAnotherCaOfTheSameName() throws Exception {
            Path file = Files.writeString(
                    directory.resolve("ca.crl"),
                    RevocationList.empty(sameNameCa, NOW, NEXT).pem());

            assertThatThrownBy(() -> RevocationList.load(file, ca.certificate()))
                    .isInstanceOf(RevocationListException.class)
                    .hasMessage(file + " is not signed by CN=root,O=test: its signature does not verify with that CA's"
                            + " key");
        }

        @Test
        void refusesACrlIssuedByAnotherNamedCa() throws Exception {
            Path file = Files.writeString(
                    directory.resolve("ca.crl"),
                    RevocationList.empty(otherNameCa, NOW, NEXT).pem());

            assertThatThrownBy(() -> RevocationList.load(file, ca.certificate()))
                    .isInstanceOf(RevocationListException.class)
                    .hasMessage(file + " was issued by CN=other root,O=test, not by CN=root,O=test");
        }

        @Test
        void refusesATamperedCrl() throws Exception {
            byte[] der = empty().withRevoked(ca, first.getSerialNumber(), RevocationReason.SUPERSEDED, NOW, NEXT)
                    .encoded();
            byte[] serial = first.getSerialNumber().toByteArray();
            int at = indexOf(der, serial);
            der[at + serial.length - 1] ^= 1; // another serial: the signature no longer matches
            Path file = Files.write(directory.resolve("tampered.crl"), der);

            assertThat(RevocationList.read(file).isRevoked(first)).isFalse();
            assertThatThrownBy(() -> RevocationList.load(file, ca.certificate()))
                    .isInstanceOf(RevocationListException.class)
                    .hasMessageContaining("signature does not verify");
        }

        @Test
        void refusesACaCertificateThatMayNotSignCrls() throws Exception {
            Path file = Files.writeString(directory.resolve("ca.crl"), empty().pem());

            assertThatThrownBy(() -> RevocationList.load(file, leafNamedLikeTheCa()))
                    .isInstanceOf(RevocationListException.class)
                    .hasMessageContaining("may not sign CRLs (no cRLSign key usage)");
        }

        @Test
        void saysWhatIsNotACrl() throws Exception {
            Path certificate = Files.writeString(directory.resolve("ca.crt"), Pem.certificate(ca.certificate()));
            Path garbage = Files.write(directory.resolve("garbage.crl"), new byte[] {0x30, 0x03, 1, 2, 3});

            assertThatThrownBy(() -> RevocationList.read(certificate))
                    .isInstanceOf(RevocationListException.class)
                    .hasMessage(certificate + " holds a X509CertificateHolder, not a PEM X509 CRL");
            assertThatThrownBy(() -> RevocationList.read(garbage))
                    .isInstanceOf(RevocationListException.class)
                    .hasMessageStartingWith(garbage + " is not a CRL (PEM or DER)");
            assertThatThrownBy(() -> RevocationList.read(directory.resolve("missing.crl")))
                    .isInstanceOf(MaterialException.class)
                    .hasMessage("no such file: " + directory.resolve("missing.crl"));
        }

        private X509Certificate leafNamedLikeTheCa() {
            return ca.issue(
                            X500Name.getInstance(
                                    ca.certificate().getSubjectX500Principal().getEncoded()),
                            CertificateProfile.TLS_CLIENT,
                            List.of(),
                            Duration.ofDays(1))
                    .certificate();
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new AssertionError("serial not found in the CRL");
        }
    }

    @Nested
    class AtomicWrite {

        @Test
        void replacesTheFileAndLeavesNothingElse() throws Exception {
            Path file = directory.resolve("ca/ca.crl");
            empty().writeAtomically(file);
            RevocationList newer =
                    empty().withRevoked(ca, first.getSerialNumber(), RevocationReason.SUPERSEDED, NOW, NEXT);

            newer.writeAtomically(file);

            assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(newer.pem());
            try (Stream<Path> files = Files.list(file.getParent())) {
                assertThat(files).containsExactly(file);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-r--r--");
        }

        @Test
        void namesTheFileItCannotWrite() throws Exception {
            Path blocker = Files.writeString(directory.resolve("not-a-directory"), "x");

            assertThatThrownBy(() -> empty().writeAtomically(blocker.resolve("ca.crl")))
                    .isInstanceOf(MaterialException.class)
                    .hasMessageContaining("cannot write " + blocker.resolve("ca.crl"));
        }
    }
}
