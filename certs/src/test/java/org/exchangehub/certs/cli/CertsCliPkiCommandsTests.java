package org.exchangehub.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchangehub.certs.cli.CertsCliTests.run;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.RevocationList;
import org.exchangehub.certs.cli.CertsCliTests.Run;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.keystore.Pkcs12;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs that change an existing PKI: issue, revoke; and inspect of a CRL. */
class CertsCliPkiCommandsTests {

    private static final String PASSWORD = "cli-password";

    @TempDir
    Path directory;

    private Path pki;

    @BeforeEach
    void initPki() {
        pki = directory.resolve("pki");
        Run init = run("init", "--out", pki.toString(), "--parties", "housing", "--password", PASSWORD);
        assertThat(init.exitCode()).as(init.err()).isZero();
    }

    private X509Certificate certificate(String file) {
        return Pem.readCertificate(pki.resolve(file));
    }

    private String serial(String file) {
        return certificate(file).getSerialNumber().toString(16);
    }

    private RevocationList crl() {
        return RevocationList.load(pki.resolve("ca/ca.crl"), certificate("ca/ca.crt"));
    }

    @Nested
    class Issue {

        @Test
        void addsAnAgencyToTheExistingPki() throws Exception {
            Run run = run("issue", "--pki", pki.toString(), "--party", "registry", "--password", PASSWORD);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .startsWith("issued ecdsa-p256 credentials for registry from CN=exchange-hub dev root CA")
                    .contains("registry/sign.crt|.key|.p12  serial " + serial("registry/sign.crt"))
                    .contains("registry/tls-server.crt|.key|.p12")
                    .doesNotContain("kept the previous");
            assertThat(certificate("registry/tls-client.crt").getIssuerX500Principal())
                    .isEqualTo(certificate("ca/ca.crt").getSubjectX500Principal());
            assertThat(Pkcs12.read(pki.resolve("registry/sign.p12"), PASSWORD.toCharArray())
                            .containsAlias("registry"))
                    .isTrue();
        }

        @Test
        void refusesAnExistingPartyWithoutForceAndChangesNothing() throws Exception {
            byte[] before = Files.readAllBytes(pki.resolve("housing/sign.key"));

            Run run = run("issue", "--pki", pki.toString(), "--party", "housing", "--password", PASSWORD);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err())
                    .startsWith("certs issue: party 'housing' already has credentials in " + pki)
                    .contains("nothing was written; use --force to rotate its keys")
                    .contains("housing/retired/<serial>/");
            assertThat(Files.readAllBytes(pki.resolve("housing/sign.key"))).isEqualTo(before);
            assertThat(pki.resolve("housing/retired")).doesNotExist();
        }

        @Test
        void rotatesWithForceKeepingTheOldMaterialAndSaysHowToRevokeIt() throws Exception {
            String oldSign = serial("housing/sign.crt");
            byte[] oldKey = Files.readAllBytes(pki.resolve("housing/sign.key"));

            Run run = run(
                    "issue",
                    "--pki",
                    pki.toString(),
                    "--party",
                    "housing",
                    "--profiles",
                    "sign",
                    "--password",
                    PASSWORD,
                    "--force");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readAllBytes(pki.resolve("housing/retired/" + oldSign + "/sign.key")))
                    .isEqualTo(oldKey);
            assertThat(serial("housing/sign.crt")).isNotEqualTo(oldSign);
            assertThat(run.out())
                    .contains("kept the previous housing/sign.* (serial " + oldSign + ") in housing/retired/" + oldSign)
                    .contains("certs revoke --pki " + pki + " --serial " + oldSign + " --reason superseded");
        }

        @Test
        void takesThePasswordFromThePkisPasswordFile() throws Exception {
            Path generated = directory.resolve("generated");
            run("init", "--out", generated.toString(), "--parties", "housing");
            String password =
                    Files.readString(generated.resolve("password.txt")).strip();

            Run run = run("issue", "--pki", generated.toString(), "--party", "tax");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Pkcs12.read(generated.resolve("tax/sign.p12"), password.toCharArray())
                            .containsAlias("tax"))
                    .isTrue();
        }

        @Test
        void takesThePasswordFromTheEnvironment() throws Exception {
            Run run = run(
                    Map.of(CertsCli.PASSWORD_VARIABLE, "from-env"), "issue", "--pki", pki.toString(), "--party", "tax");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Pkcs12.read(pki.resolve("tax/tls-client.p12"), "from-env".toCharArray())
                            .containsAlias("tax"))
                    .isTrue();
        }

        @Test
        void needsAPasswordAsAUsageError() {
            Run run = run("issue", "--pki", pki.toString(), "--party", "tax");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("the .p12 files need a password: --password, the CERTS_PASSWORD");
            assertThat(pki.resolve("tax")).doesNotExist();
        }

        @Test
        void refusesBadProfilesAndNamesAsUsageErrors() {
            Run profile = run(
                    "issue", "--pki", pki.toString(), "--party", "tax", "--profiles", "sign,tls", "--password", "x");
            Run name = run("issue", "--pki", pki.toString(), "--party", "Tax Bureau", "--password", "x");

            assertThat(profile.exitCode()).isEqualTo(2);
            assertThat(profile.err()).contains("unknown profile 'tls'; expected some of: sign, tls-client, tls-server");
            assertThat(name.exitCode()).isEqualTo(2);
            assertThat(name.err()).contains("party name 'Tax Bureau' is not allowed");
        }

        @Test
        void namesTheMissingCa() {
            Path empty = directory.resolve("empty");

            Run run = run("issue", "--pki", empty.toString(), "--party", "tax", "--password", PASSWORD);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("certs issue: no such file: " + empty.resolve("ca/ca.crt") + "\n");
        }
    }

    @Nested
    class Revoke {

        @Test
        void revokesACertificateIntoANewCrlNumber() {
            Run run = run(
                    "revoke",
                    "--pki",
                    pki.toString(),
                    "--cert",
                    pki.resolve("housing/tls-client.crt").toString(),
                    "--reason",
                    "keyCompromise");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .startsWith("revoked serial " + serial("housing/tls-client.crt")
                            + " CN=housing,O=exchange-hub dev (keyCompromise)")
                    .contains("is now CRL #2 of CN=exchange-hub dev root CA,O=exchange-hub dev: 1 revoked");
            RevocationList crl = crl();
            assertThat(crl.isRevoked(certificate("housing/tls-client.crt"))).isTrue();
            assertThat(crl.isRevoked(certificate("housing/sign.crt"))).isFalse();
            assertThat(crl.number()).contains(BigInteger.TWO);
        }

        @Test
        void revokesBySerialAndKeepsEarlierEntries() {
            run(
                    "revoke",
                    "--pki",
                    pki.toString(),
                    "--cert",
                    pki.resolve("housing/sign.crt").toString());

            Run run = run(
                    "revoke",
                    "--pki",
                    pki.toString(),
                    "--serial",
                    serial("housing/tls-server.crt").toUpperCase(),
                    "--reason",
                    "superseded",
                    "--next-update-days",
                    "1");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
            RevocationList crl = crl();
            assertThat(crl.number()).contains(BigInteger.valueOf(3));
            assertThat(crl.entries())
                    .extracting(RevocationList.Entry::reason)
                    .containsExactly("unspecified", "superseded");
            assertThat(crl.isRevoked(certificate("housing/sign.crt"))).isTrue();
            assertThat(crl.isRevoked(certificate("housing/tls-server.crt"))).isTrue();
        }

        @Test
        void revokesARetiredCertificateAfterARotation() {
            String oldSerial = serial("housing/sign.crt");
            run("issue", "--pki", pki.toString(), "--party", "housing", "--password", PASSWORD, "--force");

            Run run = run("revoke", "--pki", pki.toString(), "--serial", oldSerial, "--reason", "superseded");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("revoked serial " + oldSerial + " CN=housing");
            assertThat(crl().isRevoked(new BigInteger(oldSerial, 16))).isTrue();
            assertThat(crl().isRevoked(certificate("housing/sign.crt"))).isFalse();
        }

        @Test
        void warnsAboutASerialItDoesNotKnowButRevokesIt() {
            Run run = run("revoke", "--pki", pki.toString(), "--serial", "0x1234");

            assertThat(run.exitCode()).isZero();
            assertThat(run.err()).contains("warning: no certificate with serial 1234 was found under " + pki);
            assertThat(crl().isRevoked(BigInteger.valueOf(0x1234))).isTrue();
        }

        @Test
        void refusesACertificateOfAnotherCaAndChangesNothing() throws Exception {
            Path other = directory.resolve("other");
            run("init", "--out", other.toString(), "--parties", "housing", "--password", PASSWORD);
            byte[] before = Files.readAllBytes(pki.resolve("ca/ca.crl"));

            Run run = run(
                    "revoke",
                    "--pki",
                    pki.toString(),
                    "--cert",
                    other.resolve("housing/sign.crt").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err())
                    .startsWith("certs revoke: " + other.resolve("housing/sign.crt"))
                    .contains("was not issued by the CA of " + pki)
                    .contains("nothing was revoked");
            assertThat(Files.readAllBytes(pki.resolve("ca/ca.crl"))).isEqualTo(before);
        }

        @Test
        void refusesToRevokeTwice() {
            String client = pki.resolve("housing/tls-client.crt").toString();
            run("revoke", "--pki", pki.toString(), "--cert", client);

            Run run = run("revoke", "--pki", pki.toString(), "--cert", client);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("is already revoked").contains("nothing was changed");
            assertThat(crl().number()).contains(BigInteger.TWO);
        }

        @Test
        void refusesACrlNotSignedByTheCa() throws Exception {
            Path other = directory.resolve("other");
            run("init", "--out", other.toString(), "--parties", "tax", "--password", PASSWORD);
            Files.copy(
                    other.resolve("ca/ca.crl"),
                    pki.resolve("ca/ca.crl"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            Run run = run(
                    "revoke",
                    "--pki",
                    pki.toString(),
                    "--cert",
                    pki.resolve("housing/sign.crt").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("ca.crl is not signed by CN=exchange-hub dev root CA");
        }

        @Test
        void startsACrlForAPkiThatHasNone() throws Exception {
            Files.delete(pki.resolve("ca/ca.crl"));

            Run run = run(
                    "revoke",
                    "--pki",
                    pki.toString(),
                    "--cert",
                    pki.resolve("housing/sign.crt").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("does not exist yet");
            assertThat(crl().isRevoked(certificate("housing/sign.crt"))).isTrue();
        }

        @Test
        void refusesBadArgumentsAsUsageErrors() {
            String cert = pki.resolve("housing/sign.crt").toString();

            assertThat(run("revoke", "--pki", pki.toString()).err()).contains("Missing required argument");
            assertThat(run("revoke", "--pki", pki.toString(), "--cert", cert, "--serial", "12")
                            .exitCode())
                    .isEqualTo(2);
            Run reason = run("revoke", "--pki", pki.toString(), "--cert", cert, "--reason", "lost");
            assertThat(reason.exitCode()).isEqualTo(2);
            assertThat(reason.err())
                    .contains("unknown revocation reason 'lost'; expected one of: unspecified, keyCompromise,"
                            + " superseded, cessationOfOperation");
            Run serial = run("revoke", "--pki", pki.toString(), "--serial", "xyz");
            assertThat(serial.exitCode()).isEqualTo(2);
            assertThat(serial.err()).contains("--serial 'xyz' is not a hexadecimal number");
            assertThat(run("revoke", "--pki", pki.toString(), "--cert", cert, "--next-update-days", "0")
                            .exitCode())
                    .isEqualTo(2);
        }
    }

    @Nested
    class InspectCrl {

        @Test
        void describesTheCrlAndItsRevokedSerials() {
            run(
                    "revoke",
                    "--pki",
                    pki.toString(),
                    "--cert",
                    pki.resolve("housing/sign.crt").toString(),
                    "--reason",
                    "cessationOfOperation");

            Run run = run("inspect", pki.resolve("ca/ca.crl").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .startsWith("CRL (signature not checked here)")
                    .contains("issuer:         CN=exchange-hub dev root CA,O=exchange-hub dev")
                    .contains("number:         2")
                    .contains("revoked:        1")
                    .contains("serial " + serial("housing/sign.crt") + " since ")
                    .contains("(cessationOfOperation)");
        }

        @Test
        void describesADerCrlByItsExtension() throws Exception {
            Path der = Files.write(directory.resolve("ca.crl"), crl().encoded());
            Path renamed =
                    Files.write(directory.resolve("list.pem"), crl().pem().getBytes());

            assertThat(run("inspect", der.toString()).out())
                    .contains("number:         1")
                    .contains("revoked:        none");
            assertThat(run("inspect", renamed.toString()).out()).startsWith("CRL");
        }

        @Test
        void stillLoadsTheCaForIssuing() {
            CertificateAuthority ca = CertificateAuthority.load(pki.resolve("ca/ca.crt"), pki.resolve("ca/ca.key"));

            assertThat(ca.certificate()).isEqualTo(certificate("ca/ca.crt"));
        }
    }
}
