package org.exchangehub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.cli.HubCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The offline {@code audit-check} command against a running hub's data directory: 0 intact, 1 broken, 2 bad input. */
class AuditCheckCommandTests {

    static final Path dataDir = TestDatabases.dataDirectory(AuditCheckCommandTests.class);
    static ConfigurableApplicationContext hub;
    static AuditLog audit;

    @BeforeAll
    static void hubWithAnAnchoredChain() {
        hub = new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--hub.data-dir=" + dataDir,
                        "--hub.notary.enabled=false",
                        "--hub.audit.enabled=false",
                        "--spring.main.banner-mode=off");
        audit = hub.getBean(AuditLog.class);
        for (int i = 0; i < 4; i++) {
            audit.append(new AuditEvent(
                    ActorKind.AGENCY,
                    "tax",
                    AuditOperation.READ_FEED,
                    "GET /api/v1/feed/CONTRACT",
                    "CONTRACT",
                    null,
                    null,
                    200,
                    null));
        }
        AuditChainer chainer = hub.getBean(AuditChainer.class);
        chainer.chainAll();
        hub.getBean(AuditAnchoring.class).anchorNow().orElseThrow();
        audit.append(new AuditEvent(
                ActorKind.ANONYMOUS,
                "10.0.0.7",
                AuditOperation.PUBLISH,
                "POST /api/v1/records",
                null,
                null,
                null,
                401,
                "AGENCY_UNKNOWN"));
        chainer.chainAll();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HubCommands.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anIntactChainExitsZero() throws Exception {
        Run run = run("audit-check", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.path("intact").asBoolean()).isTrue();
        assertThat(result.path("entriesChecked").asLong()).isEqualTo(5);
        assertThat(result.path("anchoredUpTo").asLong()).isEqualTo(4);
    }

    @Test
    void anAlteredEntryExitsOneNamingTheFirstBadSeq() throws Exception {
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        jdbc.sql("UPDATE audit_entry SET status = 200 WHERE seq = 5").update();
        try {
            Run run = run("audit-check", "--data-dir", dataDir.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            JsonNode result = new ObjectMapper().readTree(run.out());
            assertThat(result.path("intact").asBoolean()).isFalse();
            assertThat(result.path("firstBadSeq").asLong()).isEqualTo(5);
            assertThat(result.path("reason").asText()).isEqualTo("ALTERED");
        } finally {
            jdbc.sql("UPDATE audit_entry SET status = 401 WHERE seq = 5").update();
        }
    }

    @Test
    void aFolderThatIsNoHubExitsTwo() {
        Run run =
                run("audit-check", "--data-dir", dataDir.resolve("nothing-here").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a hub data directory");
    }
}
