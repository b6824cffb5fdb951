package org.exchangehub.hub.notary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Whole hub processes (application contexts) stopping with work pending, and two of them sharing one database. */
class RestartAndInstancesTests {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext hub(String... extra) {
        List<String> properties = new ArrayList<>(
                List.of("hub.data-dir=" + dataDir, "hub.notary.enabled=false", "spring.main.banner-mode=off"));
        properties.addAll(List.of(extra));
        // As command-line arguments: they take precedence over application.properties (builder defaults would not).
        return new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    static void publishUnits(ConfigurableApplicationContext hub, String prefix, int count) {
        RecordPublisher publisher = hub.getBean(RecordPublisher.class);
        for (int i = 0; i < count; i++) {
            String code = prefix + i;
            publisher.publish(
                    "housing", new PublishRequest("UNIT", code, null, Payloads.unit(code, "AVAILABLE", 500 + i)));
        }
    }

    @Test
    void recordsPendingAtAStopAreAllAnchoredAfterTheRestart() {
        try (ConfigurableApplicationContext first = hub("hub.notary.batch-size=10")) {
            publishUnits(first, "R-", 25);
            first.getBean(NotaryBatcher.class).seal();
        }

        try (ConfigurableApplicationContext second = hub("hub.notary.batch-size=10")) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notary_batch WHERE state = 'SEALED'")
                            .query(Long.class)
                            .single())
                    .as("one batch was sealed before the stop")
                    .isEqualTo(1);

            assertThat(second.getBean(NotaryBatcher.class).drain()).isEqualTo(25);

            assertThat(jdbc.sql("SELECT COUNT(*) FROM notary_pending")
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql("SELECT SUM(leaf_count) FROM notary_batch WHERE state = 'ANCHORED'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(25);
            assertThat(second.getBean(EmbeddedLedgerGateway.class).checkChain().intact())
                    .isTrue();
        }
    }

    @Test
    void twoHubInstancesOnOnePostgresNotarizeEveryRecordExactlyOnce() throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        String[] postgres = {
            "spring.datasource.url=" + TestDatabases.postgresUrl(database),
            "spring.datasource.username=postgres",
            "spring.datasource.password=postgres",
            "hub.notary.batch-size=40"
        };
        try (ConfigurableApplicationContext a = hub(postgres);
                ConfigurableApplicationContext b = hub(postgres)) {
            publishUnits(a, "A-", 300);
            publishUnits(b, "B-", 300);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> anchored = new ArrayList<>();
            try {
                for (ConfigurableApplicationContext hub : List.of(a, b)) {
                    NotaryBatcher batcher = hub.getBean(NotaryBatcher.class);
                    anchored.add(pool.submit(() -> {
                        int total = 0;
                        for (int round = 0; round < 20; round++) {
                            total += batcher.drain();
                        }
                        return total;
                    }));
                }
                int total = 0;
                for (Future<Integer> future : anchored) {
                    total += future.get();
                }
                assertThat(total)
                        .as("records anchored, counted by the instance that anchored them")
                        .isEqualTo(600);
            } finally {
                pool.shutdownNow();
            }

            JdbcClient jdbc = a.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notary_pending")
                            .query(Long.class)
                            .single())
                    .isZero();
            long batches = jdbc.sql("SELECT COUNT(*) FROM notary_batch WHERE state = 'ANCHORED'")
                    .query(Long.class)
                    .single();
            assertThat(jdbc.sql("SELECT SUM(leaf_count) FROM notary_batch")
                            .query(Long.class)
                            .single())
                    .isEqualTo(600);
            assertThat(a.getBean(NotaryLedger.class).batches(0, 1000))
                    .as("each batch anchored on the ledger exactly once")
                    .hasSize((int) batches);
            assertThat(a.getBean(EmbeddedLedgerGateway.class).checkChain().intact())
                    .isTrue();
        }
    }
}
