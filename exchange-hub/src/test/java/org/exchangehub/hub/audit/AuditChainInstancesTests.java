package org.exchangehub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.api.AgencyResolver;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole hub instances (application contexts) and the audit chain: two instances serving calls at once on one
 * PostgreSQL database record side by side and end up in one dense, intact chain; entries still pending when an
 * instance stops are chained by the next one, once.
 */
class AuditChainInstancesTests {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext hub(WebApplicationType web, String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "hub.data-dir=" + dataDir,
                "hub.notary.enabled=false",
                "hub.audit.enabled=false",
                "hub.dev.agency-header=true",
                "server.port=0",
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(extra));
        // As command-line arguments: they take precedence over application.properties (builder defaults would not).
        return new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(web)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    static AuditEvent read(String agency, String unit) {
        return new AuditEvent(
                ActorKind.AGENCY,
                agency,
                AuditOperation.READ_RECORD,
                "GET /api/v1/records/UNIT/" + unit,
                "UNIT",
                unit,
                null,
                404,
                "RECORD_NOT_FOUND");
    }

    @Test
    void twoInstancesOnOnePostgresServingCallsAtOnceEndInOneIntactDenseChain() throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        String[] postgres = {
            "spring.datasource.url=" + TestDatabases.postgresUrl(database),
            "spring.datasource.username=postgres",
            "spring.datasource.password=postgres",
            "hub.audit.chain-interval=50ms",
            "hub.audit.chain-batch=64"
        };
        int callsPerThread = 40;
        try (ConfigurableApplicationContext a = hub(WebApplicationType.SERVLET, postgres);
                ConfigurableApplicationContext b = hub(WebApplicationType.SERVLET, postgres)) {
            HttpClient http = HttpClient.newHttpClient();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<List<Integer>>> answered = new ArrayList<>();
            try {
                for (int t = 0; t < 8; t++) {
                    // housing calls instance a, tax calls instance b: the actor names the instance in the chain
                    boolean onA = t % 2 == 0;
                    String base =
                            "http://localhost:" + (onA ? a : b).getEnvironment().getProperty("local.server.port");
                    String agency = onA ? "housing" : "tax";
                    String contract = "AC-" + t + "-";
                    answered.add(threads.submit(() -> {
                        List<Integer> statuses = new ArrayList<>();
                        for (int i = 0; i < callsPerThread; i++) {
                            HttpResponse<String> response = http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(base + "/api/v1/records/CONTRACT/" + contract + i))
                                            .header(AgencyResolver.HEADER, agency)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            statuses.add(response.statusCode());
                        }
                        return statuses;
                    }));
                }
                for (Future<List<Integer>> future : answered) {
                    // both agencies may read contracts: no such contract, answered before its entry was chained
                    assertThat(future.get(120, TimeUnit.SECONDS))
                            .hasSize(callsPerThread)
                            .containsOnly(404);
                }
            } finally {
                threads.shutdownNow();
            }
            int calls = 8 * callsPerThread;

            AuditLog audit = a.getBean(AuditLog.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> audit.pendingCount() == 0 && audit.head().seq() == calls);

            JdbcClient jdbc = a.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT actor, COUNT(*) FROM audit_entry GROUP BY actor ORDER BY actor")
                            .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                            .list())
                    .as("each instance's calls, each chained once")
                    .containsExactly("housing=" + calls / 2, "tax=" + calls / 2);
            assertThat(jdbc.sql("SELECT MIN(seq), MAX(seq), COUNT(DISTINCT seq) FROM audit_entry")
                            .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                            .single())
                    .as("dense seqs")
                    .containsExactly(1L, (long) calls, (long) calls);

            AuditAnchoring.Anchor anchor =
                    b.getBean(AuditAnchoring.class).anchorNow().orElseThrow();
            assertThat(anchor.upToSeq()).isEqualTo(calls);
            AuditCheckResult result = new AuditChainCheck(jdbc, a.getBean(NotaryLedger.class)).check();
            assertThat(result.intact()).as("%s", result).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(calls);
            assertThat(result.anchoredUpTo()).isEqualTo(calls);
            assertThat(result.entriesPending()).isZero();
        }
    }

    @Test
    void entriesPendingWhenAnInstanceStopsAreChainedOnceByTheNext() {
        try (ConfigurableApplicationContext first = hub(WebApplicationType.NONE, "hub.audit.chain-interval=1h")) {
            AuditLog audit = first.getBean(AuditLog.class);
            audit.append(read("housing", "AR-1"));
            audit.append(read("housing", "AR-2"));
            assertThat(first.getBean(AuditChainer.class).chainAll()).isEqualTo(2);
            audit.appendAll(List.of(read("tax", "AR-3"), read("tax", "AR-4"), read("tax", "AR-5")));
            // stopped with its chainer asleep: nothing chains at a stop, so the database is left as a kill -9
            // after the commits would leave it
            assertThat(audit.pendingCount()).isEqualTo(3);
        }

        try (ConfigurableApplicationContext second = hub(WebApplicationType.NONE, "hub.audit.chain-interval=50ms")) {
            AuditLog audit = second.getBean(AuditLog.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> audit.pendingCount() == 0);

            assertThat(audit.head().seq()).isEqualTo(5);
            assertThat(audit.recent(null, null, null, 10))
                    .extracting(entry -> entry.seq() + " " + entry.event().recordId())
                    .containsExactly("5 AR-5", "4 AR-4", "3 AR-3", "2 AR-2", "1 AR-1");
            AuditCheckResult result =
                    new AuditChainCheck(second.getBean(JdbcClient.class), second.getBean(NotaryLedger.class)).check();
            assertThat(result.intact()).as("%s", result).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(5);
        }
    }
}
