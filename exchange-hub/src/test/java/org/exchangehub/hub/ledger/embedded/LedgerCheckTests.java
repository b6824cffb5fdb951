package org.exchangehub.hub.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.cli.HubCommands;
import org.exchangehub.hub.exchange.HubClient;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded ledger's chain check from outside the ops page: {@code GET /api/v1/ledger/check} for operators and the
 * offline {@code ledger-check} command on a running hub's data directory. A block row altered in the database is
 * found at its block by both.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hub.notary.enabled=false", "hub.audit.enabled=false"})
class LedgerCheckTests {

    static final Path dataDir = TestDatabases.dataDirectory(LedgerCheckTests.class);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    NotaryLedger ledger;

    @Autowired
    JdbcClient jdbc;

    /** A few anchored batches, so there are blocks beyond the first (the authorization of the hub's MSP). */
    @BeforeEach
    void someBlocks() {
        if (ledger.gateway().height() < 4) {
            for (int i = 0; i < 3; i++) {
                ledger.anchor("check-" + i, new byte[32], 1, DigestAlgorithm.SHA_256);
            }
        }
    }

    /** Runs the test body with block 2's timestamp moved by a second (its hash then no longer matches), then undoes it. */
    void withBlockTwoAltered(Runnable check) {
        jdbc.sql("UPDATE ledger_block SET created_at = DATEADD(SECOND, 1, created_at) WHERE block_number = 2")
                .update();
        try {
            check.run();
        } finally {
            jdbc.sql("UPDATE ledger_block SET created_at = DATEADD(SECOND, -1, created_at) WHERE block_number = 2")
                    .update();
        }
    }

    @Nested
    class OperatorApi {

        ResponseEntity<JsonNode> check(TestRestTemplate client) {
            return client.getForEntity("/api/v1/ledger/check", JsonNode.class);
        }

        TestRestTemplate operator() {
            return rest.withBasicAuth(HubClient.OPERATOR, HubClient.OPERATOR_PASSWORD);
        }

        @Test
        void answersIntactWithTheHeightChecked() {
            ResponseEntity<JsonNode> response = check(operator());

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody().path("intact").asBoolean()).isTrue();
            assertThat(response.getBody().path("height").asLong()).isGreaterThanOrEqualTo(4);
            assertThat(response.getBody().path("badBlock").asLong()).isEqualTo(-1);
        }

        @Test
        void answersBrokenAtTheAlteredBlock() {
            withBlockTwoAltered(() -> {
                ResponseEntity<JsonNode> response = check(operator());

                assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
                assertThat(response.getBody().path("intact").asBoolean()).isFalse();
                assertThat(response.getBody().path("badBlock").asLong()).isEqualTo(2);
                assertThat(response.getBody().path("problem").asText())
                        .isEqualTo("block 2: its hash does not match its content");
            });
        }

        @Test
        void refusesACallerWhoIsNoOperatorWithAProblem() {
            ResponseEntity<JsonNode> response = check(rest);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .isTrue();
            assertThat(response.getBody().path("code").asText()).isEqualTo("OPERATOR_LOGIN_REQUIRED");
        }
    }

    @Nested
    class CommandLine {

        record Run(int exitCode, String out, String err) {}

        Run run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = HubCommands.run(new PrintWriter(out), new PrintWriter(err), args);
            return new Run(code, out.toString(), err.toString());
        }

        @Test
        void anIntactLedgerExitsZero() throws Exception {
            Run run = run("ledger-check", "--data-dir", dataDir.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode result = new ObjectMapper().readTree(run.out());
            assertThat(result.path("intact").asBoolean()).isTrue();
            assertThat(result.path("height").asLong())
                    .isEqualTo(ledger.gateway().height());
        }

        @Test
        void anAlteredBlockExitsOneNamingIt() {
            withBlockTwoAltered(() -> {
                Run run = run("ledger-check", "--data-dir", dataDir.toString());

                assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
                JsonNode result = json(run.out());
                assertThat(result.path("intact").asBoolean()).isFalse();
                assertThat(result.path("badBlock").asLong()).isEqualTo(2);
                assertThat(result.path("problem").asText()).contains("block 2");
            });
        }

        @Test
        void aFolderThatIsNoHubExitsTwoSayingSo() {
            Run run = run(
                    "ledger-check",
                    "--data-dir",
                    dataDir.resolve("nothing-here").toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("ledger-check: ").contains("is not a hub data directory");
        }

        @Test
        void withoutADataDirectoryExitsTwoWithTheUsage() {
            Run run = run("ledger-check");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--data-dir");
        }

        private JsonNode json(String text) {
            try {
                return new ObjectMapper().readTree(text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
