package org.exchangehub.hub.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.exchangehub.adapters.inbound.InboundClaims;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole hub instances (application contexts) on one PostgreSQL hub database, one PostgreSQL front-end database and one
 * drop folder: every exchange-table row and every exported record becomes exactly one record version, while both
 * instances poll, and when the instance reading stops in the middle of a batch (ADR 12).
 */
class InboundInstancesTests {

    static final Duration DEADLINE = Duration.ofSeconds(180);

    @TempDir
    Path dataDir;

    final String hubDatabase = TestDatabases.newPostgresDatabase();
    final String frontEndDatabase = TestDatabases.newPostgresDatabase();

    Path drop() {
        return dataDir.resolve("housing-drop");
    }

    ConfigurableApplicationContext hub() {
        List<String> properties = List.of(
                "hub.data-dir=" + dataDir,
                "spring.main.banner-mode=off",
                "spring.datasource.url=" + TestDatabases.postgresUrl(hubDatabase),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "hub.notary.enabled=false",
                "hub.audit.enabled=false",
                "hub.agencies.portal.enabled=false",
                "hub.agencies.housing.front-end-url=" + TestDatabases.postgresUrl(frontEndDatabase),
                "hub.agencies.housing.front-end-username=postgres",
                "hub.agencies.housing.front-end-password=postgres",
                "hub.agencies.housing.create-schema=true",
                "hub.agencies.housing.poll-delay=50ms",
                "hub.agencies.housing.min-file-age=0s",
                "hub.agencies.housing.drop-folder=" + drop(),
                "hub.agencies.housing.claim-lease=5s",
                "camel.springboot.shutdown-timeout=5");
        // As command-line arguments: they take precedence over application.properties (builder defaults would not).
        return new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    JdbcClient frontEnd() {
        return JdbcClient.create(TestDatabases.postgresServer().getDatabase("postgres", frontEndDatabase));
    }

    JdbcClient hubRecords() {
        return JdbcClient.create(TestDatabases.postgresServer().getDatabase("postgres", hubDatabase));
    }

    static long count(JdbcClient db, String sql) {
        return db.sql(sql).query(Long.class).single();
    }

    /** Units {@code <prefix><from>..<prefix><to>} in one statement, as the bureau's batch job writes them. */
    static void insertUnits(JdbcClient bureau, String prefix, int from, int to) {
        bureau.sql("INSERT INTO EXCH_UNIT (FWBM, LDBH, XMBH, SZC, FH, JZMJ, TNMJ, FWYT, XSZT, BAJG)"
                        + " SELECT '" + prefix + "' || x, 'LD-II', 'XM-II', 3, CAST(300 + x AS VARCHAR), 89.50, 71.60,"
                        + " '住宅', '可售', 2350000.00 FROM generate_series(" + from + ", " + to + ") AS x")
                .update();
    }

    /** A building table CSV written beside the inbox and moved in whole, as an export job would. */
    void dropBuildingTable(String name, String prefix, int units) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("FWBM,LDBH,XMBH,SZC,FH,JZMJ,TNMJ,FWYT,XSZT,BAJG");
        for (int i = 0; i < units; i++) {
            lines.add(prefix + i + ",LD-IF,XM-IF,3," + (300 + i) + ",89.50,71.60,住宅,可售,2350000.00");
        }
        Path inbox = Files.createDirectories(drop().resolve("inbox"));
        Path staged = Files.write(drop().resolve(name + ".part"), lines, StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    long filesIn(String folder) throws IOException {
        Path dir = drop().resolve(folder);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void twoInstancesPublishEveryRowAndEveryFilesRecordsOnceWhileTheyArrive() throws Exception {
        int rows = 500;
        int files = 100;
        int unitsPerFile = 5;
        try (ConfigurableApplicationContext a = hub();
                ConfigurableApplicationContext b = hub()) {
            JdbcClient bureau = frontEnd();
            for (int f = 0; f < files; f++) {
                if (f % 10 == 0) {
                    insertUnits(bureau, "IT-", f * 5, f * 5 + 49);
                }
                dropBuildingTable(String.format("building-table-%03d.csv", f), "IF-" + f + "-", unitsPerFile);
            }

            await().atMost(DEADLINE)
                    .until(() -> count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'") == rows
                            && filesIn("done") == files);

            JdbcClient hub = hubRecords();
            assertThat(count(hub, "SELECT COUNT(*) FROM record_version WHERE record_id LIKE 'IT-%'"))
                    .isEqualTo(rows);
            assertThat(count(hub, "SELECT COUNT(*) FROM record_version WHERE record_id LIKE 'IF-%'"))
                    .isEqualTo((long) files * unitsPerFile);
            assertThat(count(hub, "SELECT MAX(version) FROM record_version")).isEqualTo(1);
            assertThat(count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE BBH = 1 AND HZBH IS NOT NULL"))
                    .isEqualTo(rows);
            assertThat(filesIn("inbox")).isZero();
            assertThat(filesIn("error")).isZero();
            assertThat(hub.sql("SELECT COUNT(DISTINCT holder) FROM inbound_claim WHERE holder IS NOT NULL")
                            .query(Long.class)
                            .single())
                    .as("sources held, by one instance or both")
                    .isBetween(1L, 2L);
        }
    }

    @Test
    void theOtherInstanceFinishesTheBatchOfTheInstanceReadingItWhenThatStopsInItsMiddle() throws Exception {
        int rows = 3000;
        JdbcClient bureau = frontEnd();
        JdbcClient hub = hubRecords();
        ConfigurableApplicationContext a = hub();
        ConfigurableApplicationContext b = hub();
        try {
            insertUnits(bureau, "IS-", 1, rows);
            await().atMost(DEADLINE)
                    .until(() -> count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'") > 0);
            String reader = hub.sql("SELECT holder FROM inbound_claim WHERE source = 'housing-exchange-unit'")
                    .query(String.class)
                    .single();
            boolean aReads = a.getBean(InboundClaims.class).holder().equals(reader);
            ConfigurableApplicationContext stopped = aReads ? a : b;
            ConfigurableApplicationContext other = aReads ? b : a;

            stopped.close();
            long doneAtStop = count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'");
            assertThat(doneAtStop).as("stopped in the middle of the batch").isBetween(1L, rows - 1L);

            await().atMost(DEADLINE)
                    .until(() -> count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'") == rows);
            assertThat(hub.sql("SELECT holder FROM inbound_claim WHERE source = 'housing-exchange-unit'")
                            .query(String.class)
                            .single())
                    .isEqualTo(other.getBean(InboundClaims.class).holder());
        } finally {
            a.close();
            b.close();
        }

        assertThat(count(hub, "SELECT COUNT(*) FROM record_version WHERE record_id LIKE 'IS-%'"))
                .isEqualTo(rows);
        assertThat(count(hub, "SELECT MAX(version) FROM record_version")).isEqualTo(1);
        assertThat(count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE BBH = 1 AND HZBH IS NOT NULL"))
                .isEqualTo(rows);
    }
}
