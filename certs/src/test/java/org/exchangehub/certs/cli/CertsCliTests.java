package org.exchangehub.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.exchangehub.certs.ca.DevelopmentPki;
import org.exchangehub.certs.keystore.Pkcs12;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCliTests {

    private static final String PASSWORD = "cli-password";

    @TempDir
    static Path shared;

    @TempDir
    Path directory;

    /** One PKI for the commands that read material; written by the CLI itself. */
    private static Path pki;

    /** What one in-process run printed, and its exit code. */
    record Run(int exitCode, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CertsCli.commandLine(new PrintWriter(out), new PrintWriter(err), env)
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    @BeforeAll
    static void initSharedPki() {
        pki = shared.resolve("pki");
        Run init = run("init", "--out", pki.toString(), "--parties", "housing", "--password", PASSWORD);
        assertThat(init.exitCode()).as(init.err()).isZero();
    }

    @Nested
    class Init {

        @Test
        void writesAPkiAndSaysWhereAndThatItIsThrowAway() throws Exception {
            assertThat(pki.resolve("housing/tls-server.p12")).isRegularFile();
            assertThat(pki.resolve("truststore.p12")).isRegularFile();
            assertThat(Pkcs12.read(pki.resolve("housing/sign.p12"), PASSWORD.toCharArray())
                            .containsAlias("housing"))
                    .isTrue();
        }

        @Test
        void generatesAndReportsAPasswordWhenNoneIsGiven() throws Exception {
            Path out = directory.resolve("pki");

            Run run = run("init", "--out", out.toString(), "--parties", "tax", "--validity-days", "2");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains("wrote a development PKI (ecdsa-p256) for tax to " + out.toAbsolutePath())
                    .contains("generated, in "
                            + out.resolve(DevelopmentPki.PASSWORD_FILE).toAbsolutePath())
                    .contains("THROW-AWAY DEVELOPMENT MATERIAL");
            String password =
                    Files.readString(out.resolve(DevelopmentPki.PASSWORD_FILE)).trim();
            assertThat(Pkcs12.read(out.resolve("tax/sign.p12"), password.toCharArray())
                            .containsAlias("tax"))
                    .isTrue();
        }

        @Test
        void takesThePasswordFromTheEnvironment() throws Exception {
            Path out = directory.resolve("pki");

            Run run = run(
                    Map.of(CertsCli.PASSWORD_VARIABLE, "from-env"),
                    "init",
                    "--out",
                    out.toString(),
                    "--parties",
                    "tax");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).doesNotContain("generated");
            assertThat(out.resolve(DevelopmentPki.PASSWORD_FILE)).doesNotExist();
            assertThat(Pkcs12.read(out.resolve("truststore.p12"), "from-env".toCharArray())
                            .size())
                    .isEqualTo(1);
        }

        @Test
        void refusesAnExistingPkiAndChangesNothing() throws Exception {
            byte[] before = Files.readAllBytes(pki.resolve("ca/ca.crt"));

            Run run = run("init", "--out", pki.toString(), "--parties", "housing", "--password", PASSWORD);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err())
                    .contains(pki.toAbsolutePath() + " already holds generated material")
                    .contains("use --force");
            assertThat(Files.readAllBytes(pki.resolve("ca/ca.crt"))).isEqualTo(before);
        }

        @Test
        void replacesAnExistingPkiWithForce() throws Exception {
            Path out = directory.resolve("pki");
            run("init", "--out", out.toString(), "--parties", "tax", "--password", PASSWORD);
            byte[] before = Files.readAllBytes(out.resolve("ca/ca.crt"));

            Run run = run("init", "--out", out.toString(), "--parties", "tax", "--password", PASSWORD, "--force");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readAllBytes(out.resolve("ca/ca.crt"))).isNotEqualTo(before);
        }

        @Test
        void refusesAnUnknownAlgorithmAsAUsageError() {
            Path out = directory.resolve("pki");

            Run run = run("init", "--out", out.toString(), "--algorithm", "rsa");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err())
                    .contains("--algorithm")
                    .contains("unknown signature algorithm 'rsa'; expected one of: ecdsa-p256, sm2");
            assertThat(out).doesNotExist();
        }

        @Test
        void refusesABadPartyNameAsAUsageError() {
            Run run = run("init", "--out", directory.resolve("pki").toString(), "--parties", "housing,Tax Bureau");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("party name 'Tax Bureau' is not allowed");
        }

        @Test
        void refusesAMissingOutOption() {
            Run run = run("init");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Missing required option: '--out=<dir>'");
        }
    }

    @Nested
    class Msp {

        @Test
        void writesAnOrganizationInCryptogenLayout() {
            Path out = directory.resolve("org1");

            Run run = run(
                    "msp",
                    "--out",
                    out.toString(),
                    "--msp-id",
                    "Org1MSP",
                    "--domain",
                    "org1.example.com",
                    "--orderers=");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("wrote Fabric organization Org1MSP").contains("THROW-AWAY");
            assertThat(run.err()).isEmpty();
            assertThat(out.resolve("peers/peer0.org1.example.com/msp/keystore/priv_sk"))
                    .isRegularFile();
            assertThat(out.resolve("users/Admin@org1.example.com/tls/client.key"))
                    .isRegularFile();
            assertThat(out.resolve("orderers")).doesNotExist();
        }

        @Test
        void warnsThatStockFabricRefusesSm2() {
            Path out = directory.resolve("org1");

            Run run = run(
                    "msp",
                    "--out",
                    out.toString(),
                    "--msp-id",
                    "Org1MSP",
                    "--domain",
                    "org1.example.com",
                    "--algorithm",
                    "sm2",
                    "--peers",
                    "peer0",
                    "--orderers=",
                    "--users",
                    "Admin");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("warning: stock Hyperledger Fabric accepts only ECDSA keys");
        }

        @Test
        void refusesAnExistingOrganizationWithoutForce() {
            Path out = directory.resolve("org1");
            String[] args = {
                "msp",
                "--out",
                out.toString(),
                "--msp-id",
                "Org1MSP",
                "--domain",
                "org1.example.com",
                "--peers",
                "peer0",
                "--orderers=",
                "--users",
                "Admin"
            };
            run(args);

            assertThat(run(args).exitCode()).isEqualTo(1);
        }

        @Test
        void refusesAnInvalidMspIdAsAUsageError() {
            Run run = run("msp", "--out", directory.toString(), "--msp-id", "Org 1", "--domain", "org1.example.com");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("'Org 1' is not a valid MSP ID");
        }
    }
}
