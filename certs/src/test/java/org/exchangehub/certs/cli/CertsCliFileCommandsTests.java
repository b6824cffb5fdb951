package org.exchangehub.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchangehub.certs.cli.CertsCliTests.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.exchangehub.certs.cli.CertsCliTests.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs that read files: digest, canonicalize, sign, verify, inspect; and the root command. */
class CertsCliFileCommandsTests {

    private static final String PASSWORD = "cli-password";

    @TempDir
    static Path shared;

    private static Path pki;
    private static Path abc;
    private static Path json;

    @BeforeAll
    static void prepareFiles() throws Exception {
        pki = shared.resolve("pki");
        assertThat(run("init", "--out", pki.toString(), "--parties", "housing", "--password", PASSWORD)
                        .exitCode())
                .isZero();
        abc = Files.writeString(shared.resolve("abc.txt"), "abc");
        json = Files.writeString(shared.resolve("record.json"), "{ \"b\": 4.50, \"a\": \"\\u20ac\" }");
    }

    @Nested
    class Digest {

        @Test
        void printsTheSha256AndSm3HexDigests() {
            assertThat(run("digest", abc.toString()).out())
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
            assertThat(run("digest", "--algorithm", "sm3", abc.toString()).out())
                    .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0\n");
        }

        @Test
        void digestsTheCanonicalFormOnRequest() throws Exception {
            Path canonical = Files.writeString(shared.resolve("canonical.json"), "{\"a\":\"€\",\"b\":4.5}");

            assertThat(run("digest", "--canonical", json.toString()).out())
                    .isEqualTo(run("digest", canonical.toString()).out());
        }

        @Test
        void namesAMissingFile() {
            Run run = run("digest", "missing.bin");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("certs digest: no such file: missing.bin\n");
        }

        @Test
        void refusesAnUnknownAlgorithmAsAUsageError() {
            Run run = run("digest", "--algorithm", "md5", abc.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("unknown digest algorithm 'md5'; expected one of: SHA-256, SM3");
        }
    }

    @Nested
    class Canonicalize {

        @Test
        void printsTheCanonicalFormWithoutANewline() {
            Run run = run("canonicalize", json.toString());

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("{\"a\":\"€\",\"b\":4.5}");
        }

        @Test
        void explainsWhyJsonHasNoCanonicalForm() throws Exception {
            Path duplicate = Files.writeString(shared.resolve("dup.json"), "{\"a\":1,\"a\":2}");

            Run run = run("canonicalize", duplicate.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err())
                    .startsWith("certs canonicalize: " + duplicate + ": malformed JSON")
                    .contains("'a'");
        }
    }

    @Nested
    class SignAndVerify {

        private String sign(Path file) {
            Run run = run("sign", "--key", pki.resolve("housing/sign.key").toString(), file.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            return run.out().trim();
        }

        @Test
        void verifiesWhatItSigned() {
            Run run = run(
                    "verify",
                    "--cert",
                    pki.resolve("housing/sign.crt").toString(),
                    "--signature",
                    sign(json),
                    json.toString());

            assertThat(run.exitCode()).isZero();
            assertThat(run.out())
                    .startsWith("valid: ecdsa-p256 signature of " + json)
                    .contains("CN=housing");
        }

        @Test
        void reportsAnotherFileAsInvalidWithExitCodeOne() {
            Run run = run(
                    "verify",
                    "--cert",
                    pki.resolve("housing/sign.crt").toString(),
                    "--signature",
                    sign(json),
                    abc.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).startsWith("INVALID: the signature does not match " + abc);
        }

        @Test
        void refusesASignatureThatIsNotBase64AsAUsageError() {
            Run run = run(
                    "verify",
                    "--cert",
                    pki.resolve("housing/sign.crt").toString(),
                    "--signature",
                    "not base64!",
                    abc.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--signature is not Base64").contains("'not base64!'");
        }

        @Test
        void refusesAKeyOfAnotherAlgorithm() {
            Run run = run(
                    "sign", "--key", pki.resolve("housing/sign.key").toString(), "--algorithm", "sm2", abc.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("sm2 needs a key on curve sm2p256v1, but was given a ecdsa-p256 key");
        }

        @Test
        void namesAMissingKeyFile() {
            Run run = run("sign", "--key", "nowhere.key", abc.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("no such file: nowhere.key");
        }
    }

    @Nested
    class Inspect {

        @Test
        void describesTheEntriesOfAKeyStore() {
            Run run = run(
                    "inspect",
                    "--password",
                    PASSWORD,
                    pki.resolve("housing/tls-server.p12").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains("alias housing (private key and chain)")
                    .contains("subject:        CN=housing,O=exchange-hub dev")
                    .contains("key:            ecdsa-p256 (secp256r1)")
                    .contains("ext. key usage: serverAuth")
                    .contains("DNS:localhost, IP:127.0.0.1, DNS:housing, URI:urn:exchange-hub:agency:housing")
                    .contains("CA:             yes");
        }

        @Test
        void describesAPemCertificateWithThePasswordFromTheEnvironmentUnneeded() {
            Run run = run(Map.of(), "inspect", pki.resolve("ca/ca.crt").toString());

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("key usage:      digitalSignature, keyCertSign, cRLSign");
        }

        @Test
        void readsTheTrustStoreWithThePasswordFromTheEnvironment() {
            Run run = run(
                    Map.of(CertsCli.PASSWORD_VARIABLE, PASSWORD),
                    "inspect",
                    pki.resolve("truststore.p12").toString());

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("(trusted certificate)");
        }

        @Test
        void saysThePasswordIsWrongWithExitCodeOne() {
            Path store = pki.resolve("housing/sign.p12");

            Run run = run("inspect", "--password", "wrong", store.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err())
                    .isEqualTo("certs inspect: cannot open " + store + ": wrong password (or the file is corrupt)\n");
        }

        @Test
        void asksForAPasswordAsAUsageError() {
            Run run = run("inspect", pki.resolve("housing/sign.p12").toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("needs --password or the CERTS_PASSWORD environment variable");
        }
    }

    @Nested
    class Root {

        @Test
        void printsHelpWithExitCodeZero() {
            Run run = run("--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out())
                    .contains("init")
                    .contains("msp")
                    .contains("digest")
                    .contains("canonicalize");
        }

        @Test
        void needsACommand() {
            Run run = run();

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("certs: a command is needed");
        }

        @Test
        void refusesAnUnknownOptionOrCommand() {
            assertThat(run("init", "--colour", "red").exitCode()).isEqualTo(2);
            Run unknown = run("nit");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).contains("Unmatched argument").contains("init");
        }

        @Test
        void printsItsVersion() {
            assertThat(run("--version").out()).startsWith("certs ");
        }

        @Test
        void writesCanonicalJsonAsUtf8() {
            assertThat(run("canonicalize", json.toString()).out().getBytes(StandardCharsets.UTF_8))
                    .containsSubsequence((byte) 0xe2, (byte) 0x82, (byte) 0xac);
        }
    }
}
