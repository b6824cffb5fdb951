package org.exchangehub.adapters.housing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.inbound.ClaimsDatabase;
import org.exchangehub.adapters.inbound.InboundClaims;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub instances (two Camel contexts, each with its own claims and idempotent repository) on one front-end
 * database, one drop folder and one hub database (claims, processed keys): every row and every file's records become
 * one version each, also when the instance reading them stalls or dies half-way.
 */
class HousingInboundInstancesTests {

    static final Duration DEADLINE = Duration.ofSeconds(120);
    static final String UNIT_ROUTE = "housing-exchange-unit";

    @TempDir
    Path folder;

    final StandInHub hub = new StandInHub();
    final DataSource hubDatabase = ClaimsDatabase.h2();
    final List<CamelContext> instances = new ArrayList<>();
    DataSource frontEnd;
    Path inbox;

    @BeforeEach
    void createFrontEndDatabase() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:housing-instances-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        frontEnd = h2;
        execute("RUNSCRIPT FROM 'classpath:housing/frontend-schema.sql'");
        inbox = Files.createDirectories(folder.resolve("inbox"));
    }

    @AfterEach
    void stopInstances() throws SQLException {
        hub.stallAfterPublishing.values().forEach(stall -> stall.resume().countDown());
        instances.forEach(CamelContext::stop);
        execute("SHUTDOWN");
    }

    /** One more hub instance: its own claims (holder) and idempotent repository object, on the shared databases. */
    CamelContext startInstance(Duration claimLease) throws Exception {
        JdbcMessageIdRepository seen = new JdbcMessageIdRepository(hubDatabase, "housing-inbound");
        HousingSettings settings = new HousingSettings(
                frontEnd,
                Duration.ofMillis(50),
                100,
                inbox,
                inbox.resolve("done"),
                inbox.resolve("error"),
                Duration.ofMillis(50),
                Duration.ZERO,
                seen,
                InboundClaims.of(hubDatabase, claimLease),
                HubEndpoints.PUBLISH);
        CamelContext context = new DefaultCamelContext();
        RoutesBuilder door = instances.isEmpty() ? hub : hub.anotherInstance();
        context.addRoutes(door);
        context.addRoutes(new HousingInboundRoutes(settings));
        context.start();
        instances.add(context);
        return context;
    }

    void execute(String sql, Object... values) throws SQLException {
        execute(frontEnd, sql, values);
    }

    static void execute(DataSource database, String sql, Object... values) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.execute();
        }
    }

    long count(String sql) throws SQLException {
        try (Connection connection = frontEnd.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet result = select.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Units {@code <prefix><from>} to {@code <prefix><to>} in one statement, as the bureau's batch job writes them. */
    void insertUnits(String prefix, int from, int to) throws SQLException {
        execute(
                "INSERT INTO EXCH_UNIT (FWBM, LDBH, XMBH, SZC, FH, JZMJ, TNMJ, FWYT, XSZT, BAJG)"
                        + " SELECT ? || X, 'LD-I', 'XM-I', 3, CAST(300 + X AS VARCHAR), 89.50, 71.60, '住宅', '可售',"
                        + " 2350000.00 FROM SYSTEM_RANGE(?, ?)",
                prefix,
                from,
                to);
    }

    /** A building table CSV of units {@code <prefix>0..}, written beside the inbox and moved in whole. */
    void dropBuildingTable(String name, String prefix, int units) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("FWBM,LDBH,XMBH,SZC,FH,JZMJ,TNMJ,FWYT,XSZT,BAJG");
        for (int i = 0; i < units; i++) {
            lines.add(prefix + i + ",LD-F,XM-F,3," + (300 + i) + ",89.50,71.60,住宅,可售,2350000.00");
        }
        Path staged = Files.write(folder.resolve(name + ".part"), lines, StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    List<String> filesIn(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    /** How many times the hub was called for each source ref. */
    Map<String, Long> callsBySourceRef() {
        return hub.calls.stream().collect(Collectors.groupingBy(StandInHub.Call::sourceRef, Collectors.counting()));
    }

    long created() {
        return hub.published().stream().filter(call -> call.result().created()).count();
    }

    @Test
    void twoInstancesPublishEveryRowOfOneTableOnceWhileRowsArrive() throws Exception {
        startInstance(Duration.ofSeconds(10));
        startInstance(Duration.ofSeconds(10));
        int rows = 500;

        for (int from = 0; from < rows; from += 50) {
            insertUnits("UI-", from, from + 49);
        }
        await().atMost(DEADLINE).until(() -> count("SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'") == rows);

        assertThat(hub.versionCounts())
                .hasSize(rows)
                .allSatisfy(
                        (record, versions) -> assertThat(versions).as(record).isEqualTo(1));
        assertThat(created()).isEqualTo(rows);
        assertThat(count("SELECT COUNT(*) FROM EXCH_UNIT WHERE BBH = 1 AND HZBH IS NOT NULL"))
                .isEqualTo(rows);
        assertThat(hub.calls).as("no row was even sent twice").hasSize(rows);
    }

    @Test
    void twoInstancesOnOneDropFolderPublishEveryFilesRecordsOnce() throws Exception {
        startInstance(Duration.ofSeconds(10));
        startInstance(Duration.ofSeconds(10));
        int files = 100;
        int unitsPerFile = 3;

        for (int f = 0; f < files; f++) {
            dropBuildingTable(String.format("building-table-%03d.csv", f), "UF-" + f + "-", unitsPerFile);
        }
        Path done = inbox.resolve("done");
        await().atMost(DEADLINE).until(() -> filesIn(done).size() == files);

        assertThat(hub.versionCounts())
                .hasSize(files * unitsPerFile)
                .allSatisfy(
                        (record, versions) -> assertThat(versions).as(record).isEqualTo(1));
        assertThat(created()).isEqualTo(files * unitsPerFile);
        assertThat(hub.calls).as("no record was even sent twice").hasSize(files * unitsPerFile);
        assertThat(filesIn(inbox)).isEmpty();
        assertThat(filesIn(inbox.resolve("error"))).isEmpty();
    }

    @Test
    void anInstanceStalledMidPollLosesTheTableToTheOtherWhichFinishesItAndNothingBecomesASecondVersion()
            throws Exception {
        StandInHub.Stall stall = new StandInHub.Stall();
        hub.stallAfterPublishing.put("EXCH_UNIT#5", stall);
        insertUnits("US-", 1, 20);
        CamelContext stalled = startInstance(Duration.ofSeconds(1));
        NotifyBuilder stalledPollEnds =
                new NotifyBuilder(stalled).fromRoute(UNIT_ROUTE).whenDone(1).create();
        assertThat(stall.reached().await(60, TimeUnit.SECONDS)).isTrue();

        startInstance(Duration.ofSeconds(1));
        await().atMost(DEADLINE).until(() -> count("SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'") == 20);
        stall.resume().countDown();
        assertThat(stalledPollEnds.matches(60, TimeUnit.SECONDS)).isTrue();

        // #5 was published by the stalled instance, then again by the other, which got the same version back
        assertThat(callsBySourceRef())
                .containsEntry("EXCH_UNIT#5", 2L)
                .hasSize(20)
                .allSatisfy((ref, calls) -> assertThat(calls).as(ref).isLessThanOrEqualTo(2));
        assertThat(callsBySourceRef().values().stream().filter(calls -> calls == 2))
                .as("only the stalled row was sent twice: the stalled instance went no further")
                .hasSize(1);
        assertThat(hub.versionCounts())
                .hasSize(20)
                .allSatisfy(
                        (record, versions) -> assertThat(versions).as(record).isEqualTo(1));
        assertThat(count("SELECT COUNT(*) FROM EXCH_UNIT WHERE BBH = 1")).isEqualTo(20);
    }

    @Test
    void anInstanceStalledMidFileLosesTheInboxToTheOtherWhichReadsTheFileAgainAndNothingBecomesASecondVersion()
            throws Exception {
        StandInHub.Stall stall = new StandInHub.Stall();
        hub.stallAfterPublishing.put("stalled.csv#2", stall);
        CamelContext stalled = startInstance(Duration.ofSeconds(1));
        NotifyBuilder stalledFileEnds = new NotifyBuilder(stalled)
                .fromRoute("housing-file-building-table")
                .whenDone(1)
                .create();
        dropBuildingTable("stalled.csv", "UM-", 5);
        assertThat(stall.reached().await(60, TimeUnit.SECONDS)).isTrue();

        startInstance(Duration.ofSeconds(1));
        await().atMost(DEADLINE).until(() -> filesIn(inbox.resolve("done")).contains("stalled.csv"));
        stall.resume().countDown();
        assertThat(stalledFileEnds.matches(60, TimeUnit.SECONDS)).isTrue();

        assertThat(hub.versionCounts())
                .hasSize(5)
                .allSatisfy(
                        (record, versions) -> assertThat(versions).as(record).isEqualTo(1));
        assertThat(created()).isEqualTo(5);
        assertThat(callsBySourceRef())
                .as("the other instance read the file again: #1 was done (its key known), #2 was not; the stalled one"
                        + " went no further than #2")
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "stalled.csv#1", 1L,
                        "stalled.csv#2", 2L,
                        "stalled.csv#3", 1L,
                        "stalled.csv#4", 1L,
                        "stalled.csv#5", 1L));
        assertThat(filesIn(inbox)).isEmpty();
        assertThat(filesIn(inbox.resolve("error"))).isEmpty();
    }

    @Test
    void takesOverATableWhoseClaimADeadInstanceLeftOnceItsLeaseRunsOut() throws Exception {
        Instant leaseEnd = Instant.now().plusMillis(500);
        execute(
                hubDatabase,
                "INSERT INTO inbound_claim (source, holder, lease_until, fence) VALUES (?, 'dead-instance', ?, 7)",
                UNIT_ROUTE,
                leaseEnd.atOffset(ZoneOffset.UTC));
        insertUnits("UD-", 1, 3);

        startInstance(Duration.ofSeconds(10));
        await().atMost(DEADLINE).until(() -> count("SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'DONE'") == 3);

        assertThat(created()).isEqualTo(3);
        try (Connection connection = hubDatabase.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT holder, fence FROM inbound_claim WHERE source = '" + UNIT_ROUTE + "'");
                ResultSet result = select.executeQuery()) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isNotEqualTo("dead-instance");
            assertThat(result.getLong(2)).isEqualTo(8);
        }
    }
}
