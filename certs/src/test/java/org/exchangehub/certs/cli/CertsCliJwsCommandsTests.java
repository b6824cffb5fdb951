package org.exchangehub.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchangehub.certs.cli.CertsCliTests.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.cli.CertsCliTests.Run;
import org.exchangehub.certs.jws.DetachedJws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jws-sign and jws-verify. */
class CertsCliJwsCommandsTests {

    private static final String PASSWORD = "cli-password";

    @TempDir
    static Path shared;

    private static Path pki;
    private static Path otherPki;
    private static Path record;

    @BeforeAll
    static void prepare() throws Exception {
        pki = shared.resolve("pki");
        otherPki = shared.resolve("other");
        assertThat(run("init", "--out", pki.toString(), "--parties", "housing,tax", "--password", PASSWORD)
                        .exitCode())
                .isZero();
        assertThat(run("init", "--out", otherPki.toString(), "--parties", "housing", "--password", PASSWORD)
                        .exitCode())
                .isZero();
        record = Files.writeString(
                shared.resolve("record.json"),
                "{ \"version\": 1, \"type\": \"deed\", \"id\": \"H-1\", \"source\": \"housing\","
                        + " \"payload\": {\"owner\": \"Li\"} }");
    }

    private static String sign(String... extra) {
        String[] args = new String[6 + extra.length];
        args[0] = "jws-sign";
        args[1] = "--key";
        args[2] = pki.resolve("housing/sign.key").toString();
        args[3] = "--cert";
        args[4] = pki.resolve("housing/sign.crt").toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        args[args.length - 1] = record.toString();
        Run run = run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().strip();
    }

    @Test
    void signsTheCanonicalFormAndVerifiesAgainstTheCa() throws Exception {
        String jws = sign("--canonical", "--chain", pki.resolve("ca/ca.crt").toString());

        Run run = run(
                "jws-verify",
                "--jws",
                jws,
                "--ca",
                pki.resolve("ca/ca.crt").toString(),
                "--canonical",
                record.toString());

        assertThat(jws).contains("..");
        assertThat(DetachedJws.verify(jws, JsonCanonicalizer.canonicalize(Files.readAllBytes(record)))
                        .chain())
                .hasSize(2);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .startsWith("valid: ES256 detached JWS over " + record
                        + " by CN=housing,O=exchange-hub dev (agency housing), signed at ")
                .contains("chain: leads to CN=exchange-hub dev root CA,O=exchange-hub dev, valid at the signing time");
    }

    @Test
    void signsTheRawBytesWithoutCanonical() throws Exception {
        String jws = sign();

        assertThat(DetachedJws.verify(jws, Files.readAllBytes(record)).alg()).isEqualTo("ES256");
        Run canonical = run("jws-verify", "--jws", jws, "--canonical", record.toString());
        assertThat(canonical.exitCode()).isEqualTo(1);
        assertThat(canonical.out()).startsWith("INVALID: the ES256 signature does not verify over this payload");
    }

    @Test
    void readsTheJwsFromAFileAndSaysWhenTheChainIsNotChecked() throws Exception {
        Path file = Files.writeString(shared.resolve("record.jws"), sign() + "\n");

        Run run = run("jws-verify", "--jws", "@" + file, record.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("chain: NOT checked (no --ca)");
    }

    @Test
    void refusesAnotherFileWithTheReason() throws Exception {
        Path other = Files.writeString(shared.resolve("other.json"), "{\"id\":\"H-2\"}");

        Run run = run("jws-verify", "--jws", sign(), other.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .startsWith("INVALID: the ES256 signature does not verify over this payload (12 bytes) with the key of"
                        + " CN=housing,O=exchange-hub dev");
    }

    @Test
    void refusesAChainOfAnotherCa() {
        Run run = run(
                "jws-verify",
                "--jws",
                sign(),
                "--ca",
                otherPki.resolve("ca/ca.crt").toString(),
                record.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("INVALID: the chain does not lead to a trusted CA");
    }

    @Test
    void refusesSomethingThatIsNotADetachedJws() {
        Run run = run("jws-verify", "--jws", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln", record.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("INVALID: the payload part is not empty");
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() {
        Run run = run(
                "jws-sign",
                "--key",
                pki.resolve("tax/sign.key").toString(),
                "--cert",
                pki.resolve("housing/sign.crt").toString(),
                record.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith(
                        "certs jws-sign: " + pki.resolve("tax/sign.key") + " and " + pki.resolve("housing/sign.crt"))
                .contains("the private key does not belong to the first certificate of the chain");
    }

    @Test
    void namesAFileThatIsNotJsonWithCanonical() throws Exception {
        Path text = Files.writeString(shared.resolve("note.txt"), "not json", StandardCharsets.UTF_8);

        Run run = run(
                "jws-sign",
                "--key",
                pki.resolve("housing/sign.key").toString(),
                "--cert",
                pki.resolve("housing/sign.crt").toString(),
                "--canonical",
                text.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("certs jws-sign: " + text + ": malformed JSON");
    }

    @Test
    void namesAMissingJwsFile() {
        Run run = run("jws-verify", "--jws", "@" + shared.resolve("none.jws"), record.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("certs jws-verify: no such file: " + shared.resolve("none.jws") + "\n");
    }
}
