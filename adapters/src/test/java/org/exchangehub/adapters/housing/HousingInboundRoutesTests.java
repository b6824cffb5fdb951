package org.exchangehub.adapters.housing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.inbound.ClaimsDatabase;
import org.exchangehub.adapters.inbound.InboundClaims;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HousingInboundRoutesTests {

    private static final String CONTRACT_ROUTE = "housing-exchange-contract";
    private static final String XML_ROUTE = "housing-file-contracts";
    private static final String CSV_ROUTE = "housing-file-building-table";

    @TempDir
    Path inbox;

    private final StandInHub hub = new StandInHub();
    private final List<CamelContext> contexts = new ArrayList<>();
    private DataSource frontEnd;

    @BeforeEach
    void createFrontEndDatabase() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:housing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        frontEnd = h2;
        execute("RUNSCRIPT FROM 'classpath:housing/frontend-schema.sql'");
    }

    @AfterEach
    void stopCamel() throws SQLException {
        contexts.forEach(CamelContext::stop);
        execute("SHUTDOWN");
    }

    private HousingSettings settings(IdempotentRepository repository, Duration filePollDelay) {
        return new HousingSettings(
                frontEnd,
                Duration.ofMillis(50),
                100,
                inbox,
                inbox.resolve("done"),
                inbox.resolve("error"),
                filePollDelay,
                Duration.ofMillis(50),
                repository,
                InboundClaims.of(ClaimsDatabase.h2(), Duration.ofSeconds(30)),
                HubEndpoints.PUBLISH);
    }

    private CamelContext startCamel(IdempotentRepository repository, Duration filePollDelay) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(hub);
        context.addRoutes(new HousingInboundRoutes(settings(repository, filePollDelay)));
        context.start();
        contexts.add(context);
        return context;
    }

    private CamelContext startCamel() throws Exception {
        return startCamel(new MemoryIdempotentRepository(), Duration.ofMillis(100));
    }

    private static void await(NotifyBuilder notify) {
        assertThat(notify.matches(20, TimeUnit.SECONDS))
                .as("route activity within the deadline")
                .isTrue();
    }

    private void execute(String sql, Object... values) throws SQLException {
        try (Connection connection = frontEnd.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.execute();
        }
    }

    @Nested
    class ExchangeTables {

        private void insertContract(String contractNo, String status) throws SQLException {
            execute(
                    "INSERT INTO EXCH_CONTRACT (HTBH, FWBM, MSRXX, CMR, CMRZJHM, HTJE, HTMJ, QYRQ, HTZT, CXRQ)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    contractNo,
                    "H-" + contractNo,
                    "[{\"XM\":\"张伟\",\"ZJHM\":\"990101199001011234\",\"LXDH\":\"13900000001\"}]",
                    "南京安居置业有限公司",
                    "91320105MA1WKD0N3Q",
                    new java.math.BigDecimal("3456789.12"),
                    new java.math.BigDecimal("98.76"),
                    java.sql.Date.valueOf("2026-04-02"),
                    status,
                    "已撤销".equals(status) ? java.sql.Date.valueOf("2026-05-10") : null);
        }

        private List<Map<String, Object>> contractRows() throws SQLException {
            try (Connection connection = frontEnd.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "SELECT XH, HTBH, CLZT, CLJG, HZBH, BBH, CLSJ FROM EXCH_CONTRACT ORDER BY XH");
                    ResultSet result = select.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    for (String column : List.of("XH", "HTBH", "CLZT", "CLJG", "HZBH", "BBH", "CLSJ")) {
                        row.put(column, result.getObject(column));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }

        private List<Object> column(String name) throws SQLException {
            return contractRows().stream().map(row -> row.get(name)).toList();
        }

        private void awaitPolls(CamelContext context, int polls) {
            await(new NotifyBuilder(context)
                    .fromRoute(CONTRACT_ROUTE)
                    .whenDone(polls)
                    .create());
        }

        @Test
        void publishesNewRowsInOrderAndMarksThemDoneWithReceiptAndVersion() throws Exception {
            insertContract("HT-1", "已签约");
            insertContract("HT-2", "已撤销");

            awaitPolls(startCamel(), 2);

            assertThat(hub.publishedSourceRefs()).containsExactly("EXCH_CONTRACT#1", "EXCH_CONTRACT#2");
            assertThat(hub.published()).allSatisfy(call -> {
                assertThat(call.agency()).isEqualTo("housing");
                assertThat(call.type()).isEqualTo("CONTRACT");
            });
            assertThat(hub.published().get(1).payload())
                    .contains("\"status\":\"CANCELLED\"", "\"cancelledDate\":\"2026-05-10\"");
            assertThat(column("CLZT")).containsExactly("DONE", "DONE");
            assertThat(column("HZBH")).containsExactly("R-HT-1-v1", "R-HT-2-v1");
            assertThat(column("BBH")).containsExactly(1, 1);
            assertThat(column("CLSJ")).doesNotContainNull();
            assertThat(column("CLJG")).containsOnlyNulls();
        }

        @Test
        void marksARefusedRowFailedWithTheReasonAndGoesOnWithTheOthers() throws Exception {
            hub.refusedIds.add("HT-2");
            insertContract("HT-1", "已签约");
            insertContract("HT-2", "已签约");
            insertContract("HT-3", "已签约");

            awaitPolls(startCamel(), 2);

            assertThat(column("CLZT")).containsExactly("DONE", "FAILED", "DONE");
            assertThat(contractRows().get(1).get("CLJG"))
                    .isEqualTo("UNIT_HAS_ACTIVE_CONTRACT: the unit already has an active contract");
            assertThat(contractRows().get(1).get("HZBH")).isNull();
            assertThat(hub.publishedSourceRefs()).containsExactly("EXCH_CONTRACT#1", "EXCH_CONTRACT#3");
        }

        @Test
        void marksAnUnmappableRowFailedWithoutAskingTheHub() throws Exception {
            insertContract("HT-1", "已作废");
            insertContract("HT-2", "已签约");
            execute("UPDATE EXCH_CONTRACT SET MSRXX = '张伟' WHERE HTBH = 'HT-2'");
            insertContract("HT-3", "已签约");

            awaitPolls(startCamel(), 2);

            assertThat(column("CLZT")).containsExactly("FAILED", "FAILED", "DONE");
            assertThat(column("CLJG").get(0)).isEqualTo("NATIVE_VALUE_INVALID: HTZT '已作废' is not one of 已签约, 已变更, 已撤销");
            assertThat((String) column("CLJG").get(1)).startsWith("NATIVE_VALUE_INVALID: MSRXX is not a JSON array");
            assertThat(hub.calls).extracting(StandInHub.Call::sourceRef).containsExactly("EXCH_CONTRACT#3");
        }

        @Test
        void truncatesAReasonLongerThanTheColumn() throws Exception {
            hub.refusedIds.add("HT-1");
            hub.refusalMessage = "x".repeat(3000);
            insertContract("HT-1", "已签约");

            awaitPolls(startCamel(), 2);

            assertThat(column("CLZT")).containsExactly("FAILED");
            assertThat((String) column("CLJG").get(0)).hasSize(2000).startsWith("UNIT_HAS_ACTIVE_CONTRACT: xxx");
        }

        @Test
        void leavesRowsNewWhileTheHubIsDownAndPublishesThemInOrderOnALaterPoll() throws Exception {
            hub.down = true;
            insertContract("HT-1", "已签约");
            insertContract("HT-2", "已签约");
            insertContract("HT-3", "已签约");
            CamelContext context = startCamel();

            awaitPolls(context, 3);

            assertThat(column("CLZT")).containsOnly("NEW");
            assertThat(column("CLSJ")).containsOnlyNulls();
            // Every poll stopped at the first row rather than trying the ones behind it.
            assertThat(hub.calls).extracting(StandInHub.Call::sourceRef).containsOnly("EXCH_CONTRACT#1");

            hub.down = false;
            awaitPolls(context, 2);

            assertThat(column("CLZT")).containsExactly("DONE", "DONE", "DONE");
            assertThat(hub.publishedSourceRefs())
                    .containsExactly("EXCH_CONTRACT#1", "EXCH_CONTRACT#2", "EXCH_CONTRACT#3");
        }

        @Test
        void neverPublishesADoneOrFailedRowAgain() throws Exception {
            insertContract("HT-1", "已签约");
            insertContract("HT-2", "已签约");
            execute("UPDATE EXCH_CONTRACT SET CLZT = 'FAILED' WHERE HTBH = 'HT-2'");
            CamelContext context = startCamel();
            awaitPolls(context, 2);

            awaitPolls(context, 5);

            assertThat(hub.calls).extracting(StandInHub.Call::sourceRef).containsExactly("EXCH_CONTRACT#1");
            assertThat(column("CLZT")).containsExactly("DONE", "FAILED");
        }

        @Test
        void marksARowWhoseKeyIsKnownDoneWithoutPublishingIt() throws Exception {
            IdempotentRepository repository = new MemoryIdempotentRepository();
            repository.start();
            repository.add("EXCH_CONTRACT#1");
            insertContract("HT-1", "已签约");
            insertContract("HT-2", "已签约");

            awaitPolls(startCamel(repository, Duration.ofMillis(100)), 2);

            assertThat(hub.publishedSourceRefs()).containsExactly("EXCH_CONTRACT#2");
            assertThat(column("CLZT")).containsExactly("DONE", "DONE");
            assertThat((String) column("CLJG").get(0)).startsWith("ALREADY_PROCESSED: EXCH_CONTRACT#1");
            assertThat(repository.contains("EXCH_CONTRACT#2")).isTrue();
        }

        @Test
        void pollsEveryExchangeTable() throws Exception {
            execute("INSERT INTO EXCH_PROJECT (XMBH, XMMC, KFQY, XZQ, XMDZ, YSXKZH) VALUES"
                    + " ('P-1', '江岸雅苑', '南京安居置业有限公司', '建邺区', '江东中路199号', '宁房销第202600123号')");
            execute("INSERT INTO EXCH_BUILDING (LDBH, XMBH, LDMC, ZCS, HS) VALUES ('B-1', 'P-1', '3幢', 26, 104)");
            execute("INSERT INTO EXCH_UNIT (FWBM, LDBH, XMBH, SZC, FH, JZMJ, FWYT, XSZT, BAJG) VALUES"
                    + " ('U-1', 'B-1', 'P-1', 12, '1203', 98.76, '住宅', '可售', 3456789.12)");
            execute("INSERT INTO EXCH_FILING (BABH, HTBH, FWBM, BARQ, BAZT) VALUES"
                    + " ('BA-1', 'HT-1', 'U-1', DATE '2026-04-09', '已备案')");
            CamelContext context = startCamel();
            NotifyBuilder polls = new NotifyBuilder(context)
                    .fromRoute("housing-exchange-filing")
                    .whenDone(2)
                    .and()
                    .fromRoute("housing-exchange-unit")
                    .whenDone(2)
                    .create();

            await(polls);

            assertThat(hub.publishedSourceRefs())
                    .contains("EXCH_PROJECT#1", "EXCH_BUILDING#1", "EXCH_UNIT#1", "EXCH_FILING#1");
            assertThat(hub.published())
                    .extracting(StandInHub.Call::type)
                    .contains("PROJECT", "BUILDING", "UNIT", "FILING");
        }
    }

    @Nested
    class FileDrop {

        private static final String XML = "contracts-20261123.xml";

        private void drop(String name, String content) throws Exception {
            // Written next to the inbox and moved in, as an export job should, so no half file is ever seen.
            Path staging = Files.createTempDirectory(inbox.getParent(), "staging");
            Files.move(Files.writeString(staging.resolve(name), content), inbox.resolve(name));
        }

        private void dropResource(String name) throws Exception {
            try (var in = getClass().getResourceAsStream("/housing/" + name)) {
                Path staging = Files.createTempDirectory(inbox.getParent(), "staging");
                Files.copy(in, staging.resolve(name));
                Files.move(staging.resolve(name), inbox.resolve(name));
            }
        }

        private List<String> filesIn(Path folder) throws Exception {
            if (!Files.isDirectory(folder)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(Files::isRegularFile)
                        .map(file -> file.getFileName().toString())
                        .sorted()
                        .toList();
            }
        }

        private String xml(String... records) {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HTBAXX>\n" + String.join("\n", records)
                    + "\n</HTBAXX>\n";
        }

        private String filing(String filingNo, String status) {
            return "<BA><BABH>" + filingNo + "</BABH><HTBH>HT-1</HTBH><FWBM>U-1</FWBM><BARQ>20260409</BARQ><BAZT>"
                    + status + "</BAZT></BA>";
        }

        @Test
        void publishesEveryRecordOfAGoodXmlAndMovesItToDone() throws Exception {
            CamelContext context = startCamel();
            NotifyBuilder processed = new NotifyBuilder(context)
                    .fromRoute(XML_ROUTE)
                    .whenCompleted(1)
                    .create();

            dropResource(XML);
            await(processed);

            assertThat(hub.publishedSourceRefs()).containsExactly(XML + "#1", XML + "#2", XML + "#3", XML + "#4");
            assertThat(hub.published())
                    .extracting(StandInHub.Call::type)
                    .containsExactly("CONTRACT", "FILING", "CONTRACT", "FILING");
            assertThat(hub.published().get(0).payload())
                    .isEqualTo(
                            "{\"contractNo\":\"HT-2026-000123\",\"houseCode\":\"320105001017-B03-1203\","
                                    + "\"buyers\":[{\"name\":\"张伟\",\"idNumber\":\"990101199001011234\",\"phone\":\"13900000001\"},"
                                    + "{\"name\":\"李娜\",\"idNumber\":\"99010119920315002X\"}],"
                                    + "\"seller\":{\"name\":\"南京安居置业有限公司\",\"creditCode\":\"91320105MA1WKD0N3Q\"},"
                                    + "\"price\":3456789.12,\"area\":98.76,\"signedDate\":\"2026-04-02\",\"status\":\"SIGNED\"}");
            assertThat(hub.published().get(2).payload())
                    .contains(
                            "\"price\":2980000.00",
                            "\"signedDate\":\"2026-04-03\"",
                            "\"cancelledDate\":\"2026-05-20\"");
            assertThat(filesIn(inbox.resolve("done"))).containsExactly(XML);
            assertThat(filesIn(inbox)).isEmpty();
            assertThat(filesIn(inbox.resolve("error"))).isEmpty();
        }

        @Test
        void publishesTheOtherRecordsAndListsEachRejectedOneWithItsReason() throws Exception {
            hub.refusedIds.add("BA-3");
            CamelContext context = startCamel();
            NotifyBuilder processed = new NotifyBuilder(context)
                    .fromRoute(XML_ROUTE)
                    .whenCompleted(1)
                    .create();

            drop(
                    "bad.xml",
                    xml(
                            filing("BA-1", "已备案"),
                            filing("BA-2", "已作废"),
                            filing("BA-3", "已备案"),
                            "<XX><BABH>BA-4</BABH></XX>",
                            filing("BA-5", "已撤销")));
            await(processed);

            assertThat(hub.publishedSourceRefs()).containsExactly("bad.xml#1", "bad.xml#5");
            assertThat(Files.readAllLines(inbox.resolve("error/bad.xml.rejected.txt"), StandardCharsets.UTF_8))
                    .containsExactly(
                            "bad.xml#2\tBA-2\tNATIVE_VALUE_INVALID: BAZT '已作废' is not one of 已备案, 已撤销",
                            "bad.xml#3\tBA-3\tUNIT_HAS_ACTIVE_CONTRACT: the unit already has an active contract",
                            "bad.xml#4\t\tNATIVE_VALUE_INVALID: <XX> is not a record of <HTBAXX>; expected one of "
                                    + HousingInboundRoutes.CONTRACT_EXPORT
                                            .mappings()
                                            .keySet());
            assertThat(filesIn(inbox.resolve("done"))).containsExactly("bad.xml");
            assertThat(filesIn(inbox.resolve("error"))).containsExactly("bad.xml.rejected.txt");
        }

        @Test
        void keepsARejectionFromBeforeAnOutageInTheListOfTheRerun() throws Exception {
            hub.refusedIds.add("BA-2");
            hub.downOnceFor.add("retry.xml#3");
            CamelContext context = startCamel();
            NotifyBuilder completed = new NotifyBuilder(context)
                    .fromRoute(XML_ROUTE)
                    .whenCompleted(1)
                    .create();

            drop("retry.xml", xml(filing("BA-1", "已备案"), filing("BA-2", "已备案"), filing("BA-3", "已备案")));
            await(completed);

            // The re-run skipped #2 by its key, yet the list still names it.
            assertThat(hub.calls)
                    .extracting(StandInHub.Call::sourceRef)
                    .containsExactly("retry.xml#1", "retry.xml#2", "retry.xml#3", "retry.xml#3");
            assertThat(Files.readAllLines(inbox.resolve("error/retry.xml.rejected.txt"), StandardCharsets.UTF_8))
                    .containsExactly(
                            "retry.xml#2\tBA-2\tUNIT_HAS_ACTIVE_CONTRACT: the unit already has an active contract");
            assertThat(filesIn(inbox.resolve("error"))).containsExactly("retry.xml.rejected.txt");
        }

        @Test
        void movesAFileThatIsNotXmlToErrorWithTheReasonAndPublishesNothing() throws Exception {
            CamelContext context = startCamel();
            NotifyBuilder processed = new NotifyBuilder(context)
                    .fromRoute(XML_ROUTE)
                    .whenCompleted(1)
                    .create();

            drop("broken.xml", xml(filing("BA-1", "已备案")).replace("</HTBAXX>", "<HT><HTBH>"));
            await(processed);

            assertThat(hub.calls).isEmpty();
            assertThat(filesIn(inbox.resolve("error"))).containsExactly("broken.xml", "broken.xml.reason.txt");
            assertThat(Files.readString(inbox.resolve("error/broken.xml.reason.txt")))
                    .startsWith("not well-formed XML");
            assertThat(filesIn(inbox.resolve("done"))).isEmpty();
        }

        @Test
        void movesAnXmlWithAnotherRootToError() throws Exception {
            CamelContext context = startCamel();
            NotifyBuilder processed = new NotifyBuilder(context)
                    .fromRoute(XML_ROUTE)
                    .whenCompleted(1)
                    .create();

            drop("other.xml", "<LPB><HU/></LPB>");
            await(processed);

            assertThat(Files.readString(inbox.resolve("error/other.xml.reason.txt")))
                    .isEqualTo("the root element is <LPB>, not <HTBAXX>\n");
            assertThat(hub.calls).isEmpty();
        }

        @Test
        void publishesTheUnitsOfTheBuildingTableCsv() throws Exception {
            CamelContext context = startCamel();
            NotifyBuilder processed = new NotifyBuilder(context)
                    .fromRoute(CSV_ROUTE)
                    .whenCompleted(1)
                    .create();

            dropResource("building-table-20261123.csv");
            await(processed);

            assertThat(hub.published())
                    .extracting(StandInHub.Call::id)
                    .containsExactly("320105001017-B03-1203", "320105001017-B03-1204", "320105001017-B03-B101");
            assertThat(hub.published()).extracting(StandInHub.Call::type).containsOnly("UNIT");
            assertThat(hub.published().get(0).payload())
                    .isEqualTo("{\"houseCode\":\"320105001017-B03-1203\",\"buildingId\":\"NJ-JY-2026-0017-B03\","
                            + "\"projectId\":\"NJ-JY-2026-0017\",\"floor\":12,\"room\":\"1203\",\"buildingArea\":98.76,"
                            + "\"innerArea\":79.15,\"use\":\"RESIDENTIAL\",\"saleStatus\":\"SIGNED\","
                            + "\"listedPrice\":3456789.12}");
            assertThat(hub.published().get(2).payload())
                    .contains("\"floor\":-1", "\"use\":\"PARKING\"", "\"saleStatus\":\"NOT_FOR_SALE\"")
                    .doesNotContain("innerArea");
            assertThat(filesIn(inbox.resolve("done"))).containsExactly("building-table-20261123.csv");
        }

        @Test
        void movesACsvWithAWrongHeaderToError() throws Exception {
            CamelContext context = startCamel();
            NotifyBuilder processed = new NotifyBuilder(context)
                    .fromRoute(CSV_ROUTE)
                    .whenCompleted(1)
                    .create();

            drop("units.csv", "FWBM,LDBH,XMBH,SZC,FH,JZMJ,FWYT,XSZT\nU-1,B-1,P-1,1,101,90.00,住宅,可售\n");
            await(processed);

            assertThat(Files.readString(inbox.resolve("error/units.csv.reason.txt")))
                    .contains("lacks [TNMJ, BAJG]");
            assertThat(filesIn(inbox.resolve("error"))).containsExactly("units.csv", "units.csv.reason.txt");
            assertThat(hub.calls).isEmpty();
        }

        @Test
        void keepsAFileInTheInboxWhileTheHubIsDownMidFileAndFinishesItOnceLater() throws Exception {
            hub.downOnceFor.add(XML + "#3");
            CamelContext context = startCamel();
            NotifyBuilder failed = new NotifyBuilder(context)
                    .fromRoute(XML_ROUTE)
                    .whenFailed(1)
                    .create();
            NotifyBuilder completed = new NotifyBuilder(context)
                    .fromRoute(XML_ROUTE)
                    .whenCompleted(1)
                    .create();

            dropResource(XML);
            await(failed);
            await(completed);

            // #1 and #2 were published before the outage; the re-run skipped them by their idempotency keys.
            assertThat(hub.calls)
                    .extracting(StandInHub.Call::sourceRef)
                    .containsExactly(XML + "#1", XML + "#2", XML + "#3", XML + "#3", XML + "#4");
            assertThat(hub.published()).hasSize(4);
            assertThat(filesIn(inbox.resolve("done"))).containsExactly(XML);
            assertThat(filesIn(inbox)).isEmpty();
        }

        @Test
        void republishesAfterARestartThatLostTheKeysAndTheHubDedupsTheRepeats() throws Exception {
            hub.downOnceFor.add(XML + "#3");
            // A long poll delay, so the first Camel stops after the failure before it would retry.
            CamelContext first = startCamel(new MemoryIdempotentRepository(), Duration.ofSeconds(60));
            NotifyBuilder failed =
                    new NotifyBuilder(first).fromRoute(XML_ROUTE).whenFailed(1).create();
            dropResource(XML);
            await(failed);
            first.stop();

            assertThat(filesIn(inbox)).containsExactly(XML);
            assertThat(filesIn(inbox.resolve("done"))).isEmpty();

            CamelContext second = startCamel(new MemoryIdempotentRepository(), Duration.ofMillis(100));
            NotifyBuilder completed = new NotifyBuilder(second)
                    .fromRoute(XML_ROUTE)
                    .whenCompleted(1)
                    .create();
            await(completed);

            List<StandInHub.Call> published = hub.published();
            assertThat(published).hasSize(6);
            assertThat(published.stream().map(StandInHub.Call::content).distinct())
                    .hasSize(4);
            assertThat(published)
                    .allSatisfy(call -> assertThat(call.result().version()).isEqualTo(1));
            assertThat(published.subList(2, 4))
                    .extracting(call -> call.result().created())
                    .containsExactly(false, false);
            assertThat(filesIn(inbox.resolve("done"))).containsExactly(XML);
            assertThat(filesIn(inbox)).isEmpty();
        }
    }
}
