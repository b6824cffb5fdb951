package org.exchangehub.certs.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.BouncyCastle;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FabricOrganizationTests {

    private static final String DOMAIN = "org1.example.com";
    private static final String CA_FILE = "ca." + DOMAIN + "-cert.pem";
    private static final String TLS_CA_FILE = "tlsca." + DOMAIN + "-cert.pem";
    private static final byte[] DATA = "proposal".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path root;

    private static Path org;

    @BeforeAll
    static void generateOrganization() {
        org = root.resolve("org1");
        FabricOrganization.generate(new FabricOrganization.Settings(
                        "Org1MSP",
                        DOMAIN,
                        List.of("peer0"),
                        List.of("orderer0"),
                        List.of("Admin", "User1"),
                        SignatureAlgorithm.ECDSA_P256,
                        List.of("localhost", "127.0.0.1"),
                        30))
                .writeTo(org, false);
    }

    private static X509Certificate certificate(String path) {
        return Pem.readCertificate(org.resolve(path));
    }

    /** The files cryptogen writes for one node or user, relative to the organization. */
    private static List<String> localMspFiles(String base, String name, String tlsPrefix) {
        return List.of(
                base + "/msp/cacerts/" + CA_FILE,
                base + "/msp/tlscacerts/" + TLS_CA_FILE,
                base + "/msp/signcerts/" + name + "-cert.pem",
                base + "/msp/keystore/priv_sk",
                base + "/msp/config.yaml",
                base + "/tls/ca.crt",
                base + "/tls/" + tlsPrefix + ".crt",
                base + "/tls/" + tlsPrefix + ".key");
    }

    @Nested
    class Layout {

        @Test
        void holdsEveryFileCryptogenWrites() {
            List<String> expected = new ArrayList<>(List.of(
                    "ca/" + CA_FILE,
                    "ca/priv_sk",
                    "tlsca/" + TLS_CA_FILE,
                    "tlsca/priv_sk",
                    "msp/cacerts/" + CA_FILE,
                    "msp/tlscacerts/" + TLS_CA_FILE,
                    "msp/config.yaml"));
            expected.addAll(localMspFiles("peers/peer0." + DOMAIN, "peer0." + DOMAIN, "server"));
            expected.addAll(localMspFiles("orderers/orderer0." + DOMAIN, "orderer0." + DOMAIN, "server"));
            expected.addAll(localMspFiles("users/Admin@" + DOMAIN, "Admin@" + DOMAIN, "client"));
            expected.addAll(localMspFiles("users/User1@" + DOMAIN, "User1@" + DOMAIN, "client"));

            for (String file : expected) {
                assertThat(org.resolve(file)).as(file).isRegularFile().isNotEmptyFile();
            }
            assertThat(org.resolve("msp/admincerts")).isDirectory();
            assertThat(org.resolve("peers/peer0." + DOMAIN + "/msp/admincerts")).isDirectory();
        }

        @Test
        void enablesNodeOusPointingAtTheCaCertificate() throws Exception {
            String config = Files.readString(org.resolve("peers/peer0." + DOMAIN + "/msp/config.yaml"));

            assertThat(config).startsWith("NodeOUs:\n  Enable: true\n");
            for (String ou : List.of("client", "peer", "admin", "orderer")) {
                assertThat(config)
                        .contains("    Certificate: cacerts/" + CA_FILE + "\n    OrganizationalUnitIdentifier: " + ou
                                + "\n");
            }
            assertThat(Files.readString(org.resolve("msp/config.yaml"))).isEqualTo(config);
        }

        @Test
        void mentionsTheMspIdAndThatItIsThrowAway() throws Exception {
            assertThat(Files.readString(org.resolve("README.txt")))
                    .startsWith("THROW-AWAY DEVELOPMENT MATERIAL")
                    .contains("Org1MSP");
        }
    }

    @Nested
    class Certificates {

        @ParameterizedTest
        @CsvSource({
            "peers/peer0.org1.example.com, peer0.org1.example.com, peer",
            "orderers/orderer0.org1.example.com, orderer0.org1.example.com, orderer",
            "users/Admin@org1.example.com, Admin@org1.example.com, admin",
            "users/User1@org1.example.com, User1@org1.example.com, client"
        })
        void signingCertificatesCarryTheNodeOuAndChainToTheCa(String base, String name, String ou) throws Exception {
            X509Certificate signing = certificate(base + "/msp/signcerts/" + name + "-cert.pem");
            PrivateKey key = Pem.readPrivateKey(org.resolve(base + "/msp/keystore/priv_sk"));

            assertThat(signing.getSubjectX500Principal().getName()).isEqualTo("CN=" + name + ",OU=" + ou);
            signing.verify(certificate("ca/" + CA_FILE).getPublicKey(), BouncyCastle.provider());
            assertThat(signing.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(SignatureAlgorithm.ECDSA_P256.verify(
                            signing, DATA, SignatureAlgorithm.ECDSA_P256.sign(key, DATA)))
                    .as("priv_sk belongs to the signing certificate")
                    .isTrue();
        }

        @ParameterizedTest
        @CsvSource({
            "peers/peer0.org1.example.com, server",
            "orderers/orderer0.org1.example.com, server",
            "users/Admin@org1.example.com, client",
            "users/User1@org1.example.com, client"
        })
        void tlsCertificatesChainToTheTlsCaForServerAndClientAuth(String base, String prefix) throws Exception {
            X509Certificate tls = certificate(base + "/tls/" + prefix + ".crt");
            X509Certificate tlsCa = certificate(base + "/tls/ca.crt");

            assertThat(tlsCa.getEncoded())
                    .isEqualTo(certificate("tlsca/" + TLS_CA_FILE).getEncoded());
            tls.verify(tlsCa.getPublicKey(), BouncyCastle.provider());
            assertThat(tls.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
            assertThatThrownBy(() -> tls.verify(certificate("ca/" + CA_FILE).getPublicKey(), BouncyCastle.provider()))
                    .as("the TLS CA and the signing CA are different")
                    .isInstanceOf(SignatureException.class);
        }

        @Test
        void serverTlsCertificatesNameTheNodeItsFqdnAndTheHosts() throws Exception {
            assertThat(certificate("peers/peer0." + DOMAIN + "/tls/server.crt").getSubjectAlternativeNames())
                    .containsExactly(
                            List.of(2, "peer0"),
                            List.of(2, "peer0." + DOMAIN),
                            List.of(2, "localhost"),
                            List.of(7, "127.0.0.1"));
            assertThat(certificate("users/User1@" + DOMAIN + "/tls/client.crt").getSubjectAlternativeNames())
                    .isNull();
        }

        @Test
        void authoritiesAreSelfSignedCasNamedAfterTheDomain() throws Exception {
            X509Certificate ca = certificate("ca/" + CA_FILE);
            X509Certificate tlsCa = certificate("tlsca/" + TLS_CA_FILE);

            ca.verify(ca.getPublicKey(), BouncyCastle.provider());
            assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=ca." + DOMAIN + ",O=" + DOMAIN);
            assertThat(tlsCa.getSubjectX500Principal().getName()).isEqualTo("CN=tlsca." + DOMAIN + ",O=" + DOMAIN);
            assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
            assertThat(ca.getExtensionValue("2.5.29.14"))
                    .as("subject key identifier")
                    .isNotNull();
        }
    }

    @Nested
    class SettingsChecks {

        private FabricOrganization.Settings settings(
                String mspId, String domain, List<String> peers, List<String> orderers, List<String> users, int days) {
            return new FabricOrganization.Settings(
                    mspId, domain, peers, orderers, users, SignatureAlgorithm.ECDSA_P256, List.of(), days);
        }

        @Test
        void namesTheValueThatIsNotAcceptable() {
            List<String> none = List.of();
            List<String> peer = List.of("peer0");

            assertThatThrownBy(() -> settings("Org 1", DOMAIN, peer, none, none, 1))
                    .hasMessage("'Org 1' is not a valid MSP ID");
            assertThatThrownBy(() -> settings("Org1MSP", "Org1.Example", peer, none, none, 1))
                    .hasMessageContaining("'Org1.Example' is not a valid domain");
            assertThatThrownBy(() -> settings("Org1MSP", DOMAIN, List.of("Peer0"), none, none, 1))
                    .hasMessageContaining("'Peer0' is not a valid peer name");
            assertThatThrownBy(() -> settings("Org1MSP", DOMAIN, peer, peer, none, 1))
                    .hasMessageContaining("repeat");
            assertThatThrownBy(() -> settings("Org1MSP", DOMAIN, none, none, List.of("admin", "Admin"), 1))
                    .hasMessageContaining("user names repeat");
            assertThatThrownBy(() -> settings("Org1MSP", DOMAIN, none, none, none, 1))
                    .hasMessageContaining("nothing to generate");
            assertThatThrownBy(() -> settings("Org1MSP", DOMAIN, peer, none, none, 0))
                    .hasMessageContaining("got 0");
        }

        @Test
        void knowsThatStockFabricOnlyTakesEcdsa() {
            assertThat(FabricOrganization.fabricAccepts(SignatureAlgorithm.ECDSA_P256))
                    .isTrue();
            assertThat(FabricOrganization.fabricAccepts(SignatureAlgorithm.SM2)).isFalse();
        }
    }
}
