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
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.HubProcess;
import org.exchangehub.hub.TestDatabases;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hub killed (SIGKILL, a separate JVM) in the middle of an exchange-table batch and of an export file, then started
 * again on the same databases and folders: every record is published exactly once.
 */
class AgencyRestartTests {

    static final Duration DEADLINE = Duration.ofSeconds(180);
    static final int RECORDS = 1500;

    final Path dataDir = TestDatabases.dataDirectory(AgencyRestartTests.class);
    final Path drop = dataDir.resolve("housing-drop");

    List<String> properties() {
        return List.of(
                "hub.data-dir=" + dataDir,
                "spring.main.banner-mode=off",
                "hub.notary.interval=100ms",
                "hub.agencies.housing.front-end-url=" + frontEndUrl(),
                "hub.agencies.housing.create-schema=true",
                "hub.agencies.housing.poll-delay=50ms",
                "hub.agencies.housing.max-rows-per-poll=" + RECORDS,
                "hub.agencies.housing.min-file-age=0s",
                "hub.agencies.housing.drop-folder=" + drop,
                // the killed hub's claims of the tables and the inbox run out after this, then the next one reads
                "hub.agencies.housing.claim-lease=3s",
                "hub.agencies.portal.enabled=false",
                "camel.springboot.shutdown-timeout=1");
    }

    ConfigurableApplicationContext hub() {
        return new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .run(properties().stream().map(p -> "--" + p).toArray(String[]::new));
    }

    /**
     * The hub in a JVM of its own, on the test's class path (Surefire's manifest jar names every dependency), so that
     * it can be killed like a crashed server.
     */
    Process hubProcess() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        properties().forEach(p -> arguments.add("--" + p));
        // touch its databases only once it has opened them (H2's file lock goes to whoever opens first)
        return HubProcess.start(
                dataDir.resolve("killed-hub.log"), "Started ExchangeHubApplication", DEADLINE, arguments);
    }

    static void kill(Process hub) throws InterruptedException {
        hub.destroyForcibly();
        assertThat(hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    String frontEndUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("housing-frontend") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    JdbcClient database(String url, String user) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user);
        return JdbcClient.create(h2);
    }

    JdbcClient hubDatabase() {
        return database("jdbc:h2:file:" + dataDir.resolve("hub") + ";AUTO_SERVER=TRUE", "hub");
    }

    long count(JdbcClient db, String sql, Object... params) {
        return db.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void aKillInTheMiddleOfAnExchangeTableBatchLosesAndDuplicatesNothing() throws Exception {
        Process first = hubProcess();
        JdbcClient bureau = database(frontEndUrl(), "housing");
        insertUnits(bureau, "RT-");
        await().atMost(DEADLINE).until(() -> count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'") > 0);
        kill(first);
        long doneAtStop = count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'");
        assertThat(doneAtStop).as("the kill came in the middle of the batch").isBetween(1L, RECORDS - 1L);

        try (ConfigurableApplicationContext second = hub()) {
            await().atMost(DEADLINE)
                    .until(() -> count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'") == RECORDS);
        }

        JdbcClient hub = hubDatabase();
        assertThat(count(
                        hub,
                        "SELECT COUNT(*) FROM record_version WHERE record_type = 'UNIT' AND record_id LIKE 'RT-%'"))
                .isEqualTo(RECORDS);
        assertThat(count(hub, "SELECT MAX(version) FROM record_version WHERE record_id LIKE 'RT-%'"))
                .isEqualTo(1);
        assertThat(count(bureau, "SELECT COUNT(*) FROM EXCH_UNIT WHERE BBH = 1 AND HZBH IS NOT NULL"))
                .isEqualTo(RECORDS);
        assertThat(count(hub, "SELECT fence FROM inbound_claim WHERE source = 'housing-exchange-unit'"))
                .as("the second hub took the table over from the killed one once its claim ran out (ADR 12)")
                .isEqualTo(2);
    }

    @Test
    void aKillInTheMiddleOfAnExportFileLosesAndDuplicatesNothing() throws Exception {
        Process first = hubProcess();
        JdbcClient hub = hubDatabase();
        Path file = dropBuildingTable("building-table-20261123.csv", "RF-");
        await().atMost(DEADLINE)
                .until(() -> count(hub, "SELECT COUNT(*) FROM record_version WHERE record_id LIKE 'RF-%'") > 0);
        kill(first);
        long publishedAtStop = count(hub, "SELECT COUNT(*) FROM record_version WHERE record_id LIKE 'RF-%'");
        assertThat(publishedAtStop)
                .as("the kill came in the middle of the file")
                .isBetween(1L, RECORDS - 1L);
        assertThat(file).as("an unfinished file stays in the inbox").exists();

        try (ConfigurableApplicationContext second = hub()) {
            await().atMost(DEADLINE)
                    .until(() -> Files.exists(drop.resolve("done").resolve(file.getFileName())));
        }

        assertThat(count(hub, "SELECT COUNT(*) FROM record_version WHERE record_id LIKE 'RF-%'"))
                .isEqualTo(RECORDS);
        assertThat(count(hub, "SELECT MAX(version) FROM record_version WHERE record_id LIKE 'RF-%'"))
                .isEqualTo(1);
        assertThat(file).doesNotExist();
        assertThat(drop.resolve("error").resolve(file.getFileName() + ".rejected.txt"))
                .doesNotExist();
    }

    /** All the rows in one statement, so the hub finds them all at once and the kill falls inside its batch. */
    private void insertUnits(JdbcClient bureau, String prefix) {
        bureau.sql("INSERT INTO EXCH_UNIT (FWBM, LDBH, XMBH, SZC, FH, JZMJ, TNMJ, FWYT, XSZT, BAJG)"
                        + " SELECT ? || X, 'LD-RT', 'XM-RT', 3, CAST(300 + X AS VARCHAR), 89.50, 71.60, '住宅', '可售',"
                        + " 2350000.00 FROM SYSTEM_RANGE(0, ?)")
                .params(prefix, RECORDS - 1)
                .update();
    }

    /** Writes a building table CSV next to the inbox and moves it in whole, as an export job would. */
    private Path dropBuildingTable(String name, String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("FWBM,LDBH,XMBH,SZC,FH,JZMJ,TNMJ,FWYT,XSZT,BAJG");
        for (int i = 0; i < RECORDS; i++) {
            lines.add(prefix + i + ",LD-RF,XM-RF,3," + (300 + i) + ",89.50,71.60,住宅,可售,2350000.00");
        }
        Path inbox = Files.createDirectories(drop.resolve("inbox"));
        Path staged = Files.write(drop.resolve(name + ".part"), lines, StandardCharsets.UTF_8);
        return Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
