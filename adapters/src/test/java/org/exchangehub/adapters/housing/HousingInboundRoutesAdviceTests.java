package org.exchangehub.adapters.housing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.hub.PublishResult;
import org.exchangehub.adapters.hub.RecordRefusedException;
import org.exchangehub.adapters.inbound.ClaimsDatabase;
import org.exchangehub.adapters.inbound.InboundClaims;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real housing inbound routes, advised: the polling route of {@code EXCH_CONTRACT} or the contracts file route
 * starts from {@code direct:in} instead of its timer or inbox, so one message is one poll or one file, and the hub's
 * {@code direct:publish} in its per-record route ({@code <route id>-record}) is a mock answering a {@link
 * PublishResult}. The per-record route keeps its {@code direct:} start: it expects the native record and the outcome
 * writer as exchange properties, which only the polling and file routes set.
 */
class HousingInboundRoutesAdviceTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String BUYERS = "[{\"XM\":\"张伟\",\"ZJHM\":\"990101199001011234\",\"LXDH\":\"13900000001\"},"
            + "{\"XM\":\"李娜\",\"ZJHM\":\"99010119920315002X\"}]";

    @TempDir
    Path folder;

    private Path inbox;
    private DataSource frontEnd;
    private CamelContext camel;
    private ProducerTemplate producer;
    private MockEndpoint hub;

    @BeforeEach
    void createFrontEndDatabase() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:housing-advice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        frontEnd = h2;
        execute("RUNSCRIPT FROM 'classpath:housing/frontend-schema.sql'");
        inbox = Files.createDirectories(folder.resolve("inbox"));
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        execute("SHUTDOWN");
    }

    /**
     * Starts the housing routes with {@code routeId} fed from {@code direct:in} and its per-record route publishing to
     * {@code mock:publish}; every other route polls only after an hour, so it stays out of the way.
     */
    private void adviseAndStart(String routeId) throws Exception {
        HousingSettings settings = new HousingSettings(
                frontEnd,
                Duration.ofHours(1),
                100,
                inbox,
                inbox.resolve("done"),
                inbox.resolve("error"),
                Duration.ofHours(1),
                Duration.ofMillis(50),
                new MemoryIdempotentRepository(),
                InboundClaims.of(ClaimsDatabase.h2(), Duration.ofSeconds(30)),
                HubEndpoints.PUBLISH);
        camel = new DefaultCamelContext();
        camel.addRoutes(new HousingInboundRoutes(settings));
        AdviceWith.adviceWith(camel, routeId, route -> route.replaceFromWith("direct:in"));
        AdviceWith.adviceWith(
                camel,
                routeId + "-record",
                route -> route.weaveByToUri(HubEndpoints.PUBLISH).replace().to("mock:publish"));
        camel.start();
        producer = camel.createProducerTemplate();
        hub = camel.getEndpoint("mock:publish", MockEndpoint.class);
        hub.whenAnyExchangeReceived(HousingInboundRoutesAdviceTests::answerVersionOne);
    }

    private static void answerVersionOne(Exchange exchange) {
        CanonicalRecord record = exchange.getMessage().getBody(CanonicalRecord.class);
        exchange.getMessage().setBody(new PublishResult(record.type(), record.id(), 1, "R-" + record.id(), true));
    }

    private CanonicalRecord published(int index) {
        return hub.getExchanges().get(index).getMessage().getBody(CanonicalRecord.class);
    }

    private String publishedPayload(int index) throws Exception {
        return JSON.writeValueAsString(published(index).payload());
    }

    private List<String> publishedSourceRefs() {
        return hub.getExchanges().stream()
                .map(exchange -> exchange.getMessage().getHeader(HubHeaders.SOURCE_REF, String.class))
                .toList();
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
    class ContractExchangeTable {

        private static final String ROUTE = "housing-exchange-contract";

        @BeforeEach
        void start() throws Exception {
            adviseAndStart(ROUTE);
        }

        private void insertContract(String contractNo, String buyers, String status, String cancelled, String reason)
                throws SQLException {
            execute(
                    "INSERT INTO EXCH_CONTRACT (HTBH, FWBM, MSRXX, CMR, CMRZJHM, HTJE, HTMJ, QYRQ, HTZT, CXRQ, BGYY)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    contractNo,
                    "320105001017-B03-1203",
                    buyers,
                    "南京安居置业有限公司",
                    "91320105MA1WKD0N3Q",
                    new BigDecimal("3456789.12"),
                    new BigDecimal("98.76"),
                    Date.valueOf("2026-04-02"),
                    status,
                    cancelled == null ? null : Date.valueOf(cancelled),
                    reason);
        }

        private void insertContract(String contractNo, String status) throws SQLException {
            insertContract(contractNo, BUYERS, status, null, null);
        }

        /** One poll of the table: synchronous, so its rows are decided when this returns. */
        private void poll() {
            producer.sendBody("direct:in", null);
        }

        private List<String> column(String name) throws SQLException {
            try (Connection connection = frontEnd.getConnection();
                    PreparedStatement select =
                            connection.prepareStatement("SELECT " + name + " FROM EXCH_CONTRACT ORDER BY XH");
                    ResultSet result = select.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (result.next()) {
                    values.add(result.getString(1));
                }
                return values;
            }
        }

        @Test
        void aCancelledContractRowReachesTheHubAsItsCanonicalContract() throws Exception {
            hub.expectedMessageCount(1);
            hub.expectedHeaderReceived(HubHeaders.AGENCY, "housing");
            hub.expectedHeaderReceived(HubHeaders.SOURCE_REF, "EXCH_CONTRACT#1");
            insertContract("HT-2026-000123", BUYERS, "已撤销", "2026-05-10", null);

            poll();

            hub.assertIsSatisfied();
            assertThat(published(0).type()).isEqualTo("CONTRACT");
            assertThat(published(0).id()).isEqualTo("HT-2026-000123");
            assertThat(published(0).version()).as("left to the hub").isNull();
            assertThat(publishedPayload(0))
                    .isEqualTo("{\"contractNo\":\"HT-2026-000123\",\"houseCode\":\"320105001017-B03-1203\","
                            + "\"buyers\":[{\"name\":\"张伟\",\"idNumber\":\"990101199001011234\","
                            + "\"phone\":\"13900000001\"},{\"name\":\"李娜\",\"idNumber\":\"99010119920315002X\"}],"
                            + "\"seller\":{\"name\":\"南京安居置业有限公司\",\"creditCode\":\"91320105MA1WKD0N3Q\"},"
                            + "\"price\":3456789.12,\"area\":98.76,\"signedDate\":\"2026-04-02\","
                            + "\"status\":\"CANCELLED\",\"cancelledDate\":\"2026-05-10\"}");
        }

        @Test
        void thePublishedRowIsMarkedDoneWithTheReceiptAndVersionTheHubAnswered() throws Exception {
            hub.expectedMessageCount(1);
            hub.whenExchangeReceived(
                    1,
                    exchange -> exchange.getMessage()
                            .setBody(new PublishResult("CONTRACT", "HT-1", 4, "R-CONTRACT-HT-1-4", true)));
            insertContract("HT-1", "已签约");

            poll();

            hub.assertIsSatisfied();
            assertThat(column("CLZT")).containsExactly("DONE");
            assertThat(column("HZBH")).containsExactly("R-CONTRACT-HT-1-4");
            assertThat(column("BBH")).containsExactly("4");
            assertThat(column("CLJG")).containsOnlyNulls();
            assertThat(column("CLSJ")).doesNotContainNull();
        }

        @Test
        void eachStatusWordBecomesItsCanonicalStatus() throws Exception {
            hub.expectedMessageCount(3);
            insertContract("HT-1", "已签约");
            insertContract("HT-2", BUYERS, "已变更", null, "面积变更");
            insertContract("HT-3", BUYERS, "已撤销", "2026-05-10", null);

            poll();

            hub.assertIsSatisfied();
            assertThat(published(0).payload().path("status").asText()).isEqualTo("SIGNED");
            assertThat(published(0).payload().has("cancelledDate")).isFalse();
            assertThat(published(1).payload().path("status").asText()).isEqualTo("CHANGED");
            assertThat(published(1).payload().path("changeReason").asText()).isEqualTo("面积变更");
            assertThat(published(2).payload().path("status").asText()).isEqualTo("CANCELLED");
            assertThat(published(2).payload().path("cancelledDate").asText()).isEqualTo("2026-05-10");
            assertThat(publishedSourceRefs()).containsExactly("EXCH_CONTRACT#1", "EXCH_CONTRACT#2", "EXCH_CONTRACT#3");
        }

        @Test
        void aRowWithAnUnknownStatusOrUnreadableBuyersIsMarkedFailedAndNeverReachesTheHub() throws Exception {
            hub.expectedMessageCount(1);
            hub.expectedHeaderReceived(HubHeaders.SOURCE_REF, "EXCH_CONTRACT#3");
            insertContract("HT-1", "已作废");
            insertContract("HT-2", "张伟", "已签约", null, null);
            insertContract("HT-3", "已签约");

            poll();

            hub.assertIsSatisfied();
            assertThat(column("CLZT")).containsExactly("FAILED", "FAILED", "DONE");
            assertThat(column("CLJG").get(0)).isEqualTo("NATIVE_VALUE_INVALID: HTZT '已作废' is not one of 已签约, 已变更, 已撤销");
            assertThat(column("CLJG").get(1)).startsWith("NATIVE_VALUE_INVALID: MSRXX is not a JSON array");
            assertThat(column("HZBH")).containsExactly(null, null, "R-HT-3");
        }

        @Test
        void aRowTheHubRefusesIsMarkedFailedWithTheHubsReasonAndTheNextRowGoesOn() throws Exception {
            hub.expectedMessageCount(2);
            hub.whenExchangeReceived(1, exchange -> {
                throw new RecordRefusedException("UNIT_HAS_ACTIVE_CONTRACT", "the unit already has an active contract");
            });
            insertContract("HT-1", "已签约");
            insertContract("HT-2", "已签约");

            poll();

            hub.assertIsSatisfied();
            assertThat(column("CLZT")).containsExactly("FAILED", "DONE");
            assertThat(column("CLJG").get(0))
                    .isEqualTo("UNIT_HAS_ACTIVE_CONTRACT: the unit already has an active contract");
        }

        @Test
        void whenTheHubCannotDecideTheRowStaysNewThePollStopsAndTheNextPollPublishesInOrder() throws Exception {
            hub.whenExchangeReceived(1, exchange -> {
                throw new IllegalStateException("hub database unavailable");
            });
            insertContract("HT-1", "已签约");
            insertContract("HT-2", "已签约");

            poll();

            assertThat(publishedSourceRefs()).containsExactly("EXCH_CONTRACT#1");
            assertThat(column("CLZT")).containsExactly("NEW", "NEW");

            poll();

            assertThat(publishedSourceRefs()).containsExactly("EXCH_CONTRACT#1", "EXCH_CONTRACT#1", "EXCH_CONTRACT#2");
            assertThat(column("CLZT")).containsExactly("DONE", "DONE");
        }
    }

    @Nested
    class ContractsFile {

        private static final String ROUTE = "housing-file-contracts";

        @BeforeEach
        void start() throws Exception {
            adviseAndStart(ROUTE);
        }

        /** Reads one export file through the route: synchronous, so its records are decided when this returns. */
        private Exchange read(Path file) {
            return producer.send("direct:in", exchange -> exchange.getMessage().setBody(file.toFile()));
        }

        private Path export(String name, String content) throws Exception {
            return Files.writeString(
                    Files.createDirectories(folder.resolve("exports")).resolve(name), content);
        }

        private Path exportResource(String name) throws Exception {
            try (InputStream in = getClass().getResourceAsStream("/housing/" + name)) {
                Path file = Files.createDirectories(folder.resolve("exports")).resolve(name);
                Files.copy(in, file);
                return file;
            }
        }

        private String xml(String... records) {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HTBAXX>\n" + String.join("\n", records)
                    + "\n</HTBAXX>\n";
        }

        private String contract(String contractNo, String status, String cancelled) {
            return "<HT><HTBH>" + contractNo + "</HTBH><FWBM>U-1</FWBM>"
                    + "<MSRXX><MSR><XM>王芳</XM><ZJHM>990101198507070021</ZJHM></MSR></MSRXX>"
                    + "<CMR>南京安居置业有限公司</CMR><CMRZJHM>91320105MA1WKD0N3Q</CMRZJHM>"
                    + "<HTJE>2980000.00</HTJE><HTMJ>89.50</HTMJ><QYRQ>20260403</QYRQ>"
                    + "<HTZT>" + status + "</HTZT><CXRQ>" + cancelled + "</CXRQ></HT>";
        }

        private List<String> rejections(String name) throws Exception {
            return Files.readAllLines(inbox.resolve("error/" + name + ".rejected.txt"), StandardCharsets.UTF_8);
        }

        @Test
        void everyRecordOfTheExportReachesTheHubMappedAndInOrder() throws Exception {
            String name = "contracts-20261123.xml";
            hub.expectedMessageCount(4);
            hub.expectedHeaderValuesReceivedInAnyOrder(HubHeaders.AGENCY, "housing", "housing", "housing", "housing");

            Exchange done = read(exportResource(name));

            hub.assertIsSatisfied();
            assertThat(done.getException()).isNull();
            assertThat(publishedSourceRefs()).containsExactly(name + "#1", name + "#2", name + "#3", name + "#4");
            assertThat(hub.getExchanges())
                    .extracting(exchange ->
                            exchange.getMessage().getBody(CanonicalRecord.class).type())
                    .containsExactly("CONTRACT", "FILING", "CONTRACT", "FILING");
            assertThat(publishedPayload(0))
                    .isEqualTo(
                            "{\"contractNo\":\"HT-2026-000123\",\"houseCode\":\"320105001017-B03-1203\","
                                    + "\"buyers\":[{\"name\":\"张伟\",\"idNumber\":\"990101199001011234\","
                                    + "\"phone\":\"13900000001\"},{\"name\":\"李娜\",\"idNumber\":\"99010119920315002X\"}],"
                                    + "\"seller\":{\"name\":\"南京安居置业有限公司\",\"creditCode\":\"91320105MA1WKD0N3Q\"},"
                                    + "\"price\":3456789.12,\"area\":98.76,\"signedDate\":\"2026-04-02\",\"status\":\"SIGNED\"}");
            assertThat(publishedPayload(2))
                    .contains("\"status\":\"CANCELLED\"", "\"cancelledDate\":\"2026-05-20\"", "\"name\":\"王芳\"");
            assertThat(Files.exists(inbox.resolve("error/" + name + ".rejected.txt")))
                    .isFalse();
        }

        @Test
        void badRecordsAreListedWithTheirReasonAndNeverReachTheHub() throws Exception {
            hub.expectedMessageCount(1);
            hub.expectedHeaderReceived(HubHeaders.SOURCE_REF, "bad.xml#2");

            Exchange done = read(export(
                    "bad.xml",
                    xml(
                            contract("HT-1", "已作废", ""),
                            contract("HT-2", "已撤销", "20260520"),
                            contract("HT-3", "已签约", "").replace("<QYRQ>20260403</QYRQ>", "<QYRQ>April</QYRQ>"),
                            "<XX><HTBH>HT-4</HTBH></XX>")));

            hub.assertIsSatisfied();
            assertThat(done.getException()).isNull();
            assertThat(published(0).id()).isEqualTo("HT-2");
            assertThat(rejections("bad.xml"))
                    .containsExactly(
                            "bad.xml#1\tHT-1\tNATIVE_VALUE_INVALID: HTZT '已作废' is not one of 已签约, 已变更, 已撤销",
                            "bad.xml#3\tHT-3\tNATIVE_VALUE_INVALID: QYRQ 'April' is not a date (yyyyMMdd or yyyy-MM-dd)",
                            "bad.xml#4\t\tNATIVE_VALUE_INVALID: <XX> is not a record of <HTBAXX>; expected one of "
                                    + HousingInboundRoutes.CONTRACT_EXPORT
                                            .mappings()
                                            .keySet());
        }

        @Test
        void aFileThatIsNotWellFormedXmlSendsNothingToTheHubAndGetsAReason() throws Exception {
            hub.expectedMessageCount(0);

            Exchange done =
                    read(export("broken.xml", xml(contract("HT-1", "已签约", "")).replace("</HTBAXX>", "<HT>")));

            hub.assertIsSatisfied();
            assertThat(done.getException()).isNull();
            assertThat(Files.readString(inbox.resolve("error/broken.xml.reason.txt")))
                    .startsWith("not well-formed XML");
        }
    }
}
