package org.exchangehub.certs.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.keystore.Pkcs12;
import org.exchangehub.certs.sign.BouncyCastle;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevelopmentPkiTests {

    static final char[] PASSWORD = "dev-password".toCharArray();
    static final List<String> PARTIES = List.of("housing", "hub");
    private static final List<String> KINDS = List.of("sign", "tls-client", "tls-server");
    private static final byte[] DATA = "record".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path root;

    static Path pki;
    static Path otherPki;
    private static Path sm2Pki;

    @BeforeAll
    static void generateThreePkis() {
        pki = root.resolve("pki");
        otherPki = root.resolve("other");
        sm2Pki = root.resolve("sm2");
        List<String> hosts = List.of("localhost", "127.0.0.1");
        DevelopmentPki.generate(
                        new DevelopmentPki.Settings(SignatureAlgorithm.ECDSA_P256, PARTIES, hosts, 30, PASSWORD))
                .writeTo(pki, false);
        DevelopmentPki.generate(new DevelopmentPki.Settings(
                        SignatureAlgorithm.ECDSA_P256, List.of("housing"), hosts, 30, PASSWORD))
                .writeTo(otherPki, false);
        DevelopmentPki.generate(
                        new DevelopmentPki.Settings(SignatureAlgorithm.SM2, List.of("housing"), hosts, 30, PASSWORD))
                .writeTo(sm2Pki, false);
    }

    private static X509Certificate certificate(Path base, String file) {
        return Pem.readCertificate(base.resolve(file));
    }

    private static void assertChainsToRoot(X509Certificate leaf, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    @Nested
    class Layout {

        @Test
        void writesEveryFileOfTheLayout() {
            assertThat(pki.resolve("ca/ca.crt")).isRegularFile();
            assertThat(pki.resolve("ca/ca.key")).isRegularFile();
            assertThat(pki.resolve("truststore.p12")).isRegularFile();
            for (String party : PARTIES) {
                for (String kind : KINDS) {
                    for (String extension : List.of(".crt", ".key", ".p12")) {
                        assertThat(pki.resolve(party + "/" + kind + extension)).isRegularFile();
                    }
                }
            }
            assertThat(pki.resolve(DevelopmentPki.PASSWORD_FILE)).doesNotExist();
        }

        @Test
        void saysItIsThrowAwayDevelopmentMaterial() throws Exception {
            assertThat(Files.readString(pki.resolve("README.txt")))
                    .startsWith("THROW-AWAY DEVELOPMENT MATERIAL")
                    .contains("housing, hub")
                    .contains(DevelopmentPki.TRUSTSTORE_ALIAS);
        }

        @Test
        void letsOnlyTheOwnerReadKeysAndKeyStores() throws Exception {
            for (String file : List.of("ca/ca.key", "hub/tls-server.key", "hub/tls-server.p12")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve(file))))
                        .as(file)
                        .isEqualTo("rw-------");
            }
        }

        @Test
        void generatesAPasswordWhenNoneIsGiven() throws Exception {
            Path generated = root.resolve("generated");
            DevelopmentPki.generate(new DevelopmentPki.Settings(
                            SignatureAlgorithm.ECDSA_P256, List.of("tax"), List.of(), 1, null))
                    .writeTo(generated, false);

            String password = Files.readString(generated.resolve(DevelopmentPki.PASSWORD_FILE))
                    .trim();

            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(Pkcs12.read(generated.resolve("tax/sign.p12"), password.toCharArray())
                            .containsAlias("tax"))
                    .isTrue();
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(generated.resolve(DevelopmentPki.PASSWORD_FILE))))
                    .isEqualTo("rw-------");
        }
    }

    @Nested
    class Certificates {

        @Test
        void nameThePartyInTheSubjectAndInTheAgencyUri() {
            for (String kind : KINDS) {
                X509Certificate certificate = certificate(pki, "housing/" + kind + ".crt");

                assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=housing,O=exchange-hub dev");
                assertThat(SubjectAlternativeNames.agencyOf(certificate)).contains("housing");
            }
        }

        @Test
        void carryTheUsagesOfTheirPurpose() throws Exception {
            X509Certificate sign = certificate(pki, "hub/sign.crt");
            X509Certificate client = certificate(pki, "hub/tls-client.crt");
            X509Certificate server = certificate(pki, "hub/tls-server.crt");

            assertThat(sign.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(sign.getKeyUsage()[1]).as("nonRepudiation").isTrue();
            assertThat(sign.getExtendedKeyUsage()).isNull();
            assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
            assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
            assertThat(server.getBasicConstraints()).isEqualTo(-1);
            assertThat(certificate(pki, "ca/ca.crt").getBasicConstraints()).isGreaterThanOrEqualTo(0);
        }

        @Test
        void nameTheHostsAndThePartyInServerCertificates() throws Exception {
            assertThat(certificate(pki, "hub/tls-server.crt").getSubjectAlternativeNames())
                    .contains(
                            List.of(2, "localhost"),
                            List.of(7, "127.0.0.1"),
                            List.of(2, "hub"),
                            List.of(6, "urn:exchange-hub:agency:hub"));
        }

        @Test
        void chainToTheRootCa() throws Exception {
            X509Certificate ca = certificate(pki, "ca/ca.crt");
            for (String party : PARTIES) {
                for (String kind : KINDS) {
                    assertChainsToRoot(certificate(pki, party + "/" + kind + ".crt"), ca);
                }
            }
        }

        @Test
        void keyStoresHoldTheKeyUnderThePartyNameWithTheChain() throws Exception {
            KeyStore store = Pkcs12.read(pki.resolve("housing/sign.p12"), PASSWORD);
            PrivateKey key = (PrivateKey) store.getKey("housing", PASSWORD);
            X509Certificate certificate = certificate(pki, "housing/sign.crt");

            assertThat(store.getCertificateChain("housing"))
                    .extracting(
                            c -> ((X509Certificate) c).getSubjectX500Principal().getName())
                    .containsExactly("CN=housing,O=exchange-hub dev", "CN=exchange-hub dev root CA,O=exchange-hub dev");
            assertThat(SignatureAlgorithm.ECDSA_P256.verify(
                            certificate, DATA, SignatureAlgorithm.ECDSA_P256.sign(key, DATA)))
                    .isTrue();
        }

        @Test
        void trustStoreHoldsTheRootCa() throws Exception {
            KeyStore trust = Pkcs12.read(pki.resolve("truststore.p12"), PASSWORD);

            assertThat(trust.getCertificate(DevelopmentPki.TRUSTSTORE_ALIAS).getEncoded())
                    .isEqualTo(certificate(pki, "ca/ca.crt").getEncoded());
        }
    }

    /** JDK TLS has no SM2 cipher suites (and Fabric no SM2 at all): for SM2 the certificates are checked by hand. */
    @Nested
    class Sm2 {

        @Test
        void certificatesParseAndChainToTheSm2Root() throws Exception {
            X509Certificate ca = certificate(sm2Pki, "ca/ca.crt");
            ca.verify(ca.getPublicKey(), BouncyCastle.provider());
            for (String kind : KINDS) {
                X509Certificate leaf = certificate(sm2Pki, "housing/" + kind + ".crt");

                leaf.verify(ca.getPublicKey(), BouncyCastle.provider());
                assertThat(leaf.getSigAlgName()).isEqualToIgnoringCase("SM3WITHSM2");
                assertThat(SignatureAlgorithm.forKey(leaf.getPublicKey())).isEqualTo(SignatureAlgorithm.SM2);
            }
        }

        @Test
        void keyStoresOpenAndTheirKeysSign() throws Exception {
            KeyStore store = Pkcs12.read(sm2Pki.resolve("housing/sign.p12"), PASSWORD);
            PrivateKey key = (PrivateKey) store.getKey("housing", PASSWORD);
            X509Certificate certificate = (X509Certificate) store.getCertificate("housing");

            assertThat(SignatureAlgorithm.SM2.verify(certificate, DATA, SignatureAlgorithm.SM2.sign(key, DATA)))
                    .isTrue();
        }
    }

    @Nested
    class SettingsChecks {

        @ParameterizedTest
        @ValueSource(strings = {"Housing", "ca", "tax bureau", "-tax", "../x"})
        void refusesPartyNamesThatAreNotPlainNames(String party) {
            assertThatThrownBy(() -> new DevelopmentPki.Settings(
                            SignatureAlgorithm.ECDSA_P256, List.of(party), List.of(), 1, PASSWORD))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + party + "'");
        }

        @Test
        void refusesRepeatedOrNoPartiesBadHostsNoDaysAndEmptyPasswords() {
            SignatureAlgorithm p256 = SignatureAlgorithm.ECDSA_P256;

            assertThatThrownBy(() -> new DevelopmentPki.Settings(p256, List.of("a", "a"), List.of(), 1, null))
                    .hasMessageContaining("repeat");
            assertThatThrownBy(() -> new DevelopmentPki.Settings(p256, List.of(), List.of(), 1, null))
                    .hasMessageContaining("at least one party");
            assertThatThrownBy(() -> new DevelopmentPki.Settings(p256, List.of("a"), List.of("bad host"), 1, null))
                    .hasMessageContaining("'bad host'");
            assertThatThrownBy(() -> new DevelopmentPki.Settings(p256, List.of("a"), List.of(), 0, null))
                    .hasMessageContaining("got 0");
            assertThatThrownBy(() -> new DevelopmentPki.Settings(p256, List.of("a"), List.of(), 1, new char[0]))
                    .hasMessageContaining("must not be empty");
        }
    }
}
