package org.exchangehub.adapters.housing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.RunScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HousingOutboundRouteTests {

    private JdbcDataSource frontEnd;
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        frontEnd = new JdbcDataSource();
        frontEnd.setURL("jdbc:h2:mem:housing-outbound-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = frontEnd.getConnection();
                Reader schema = new InputStreamReader(
                        getClass().getResourceAsStream("/housing/frontend-schema.sql"), StandardCharsets.UTF_8)) {
            RunScript.execute(connection, schema);
        }
        camel = new DefaultCamelContext();
        camel.addRoutes(new HousingOutboundRoute(HousingOutboundSettings.of(frontEnd)));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        try (Connection connection = frontEnd.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    private void deliver(Delivery delivery) {
        producer.requestBodyAndHeader(
                HubEndpoints.deliver("housing"), delivery, HubHeaders.DELIVERY_ID, delivery.deliveryId());
    }

    private static Delivery registration(String deliveryId, int version, ObjectNode payload) {
        return SampleRecords.delivery(deliveryId, "housing", "REGISTRATION", "certificateNo", version, payload);
    }

    private static ObjectNode rejected() {
        ObjectNode payload = SampleRecords.registration();
        payload.put("result", "REJECTED");
        payload.put("rejectReason", "完税凭证 TAMPERED");
        return payload;
    }

    private List<Map<String, Object>> rows(String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = frontEnd.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void servesTheHousingDeliveryEndpointUnderItsRouteId() {
        assertThat(camel.getRoute("housing-outbound").getEndpoint().getEndpointUri())
                .isEqualTo("direct://deliver-housing");
    }

    @Test
    void writesOneInboxRowPerDeliveryIdWithRecordAndReceipt() throws Exception {
        Delivery clearance =
                SampleRecords.delivery("D-1", "housing", "TAX_CLEARANCE", "voucherNo", 1, SampleRecords.taxClearance());

        deliver(clearance);
        deliver(clearance);

        List<Map<String, Object>> inbox = rows("SELECT DELIVERY_ID, SJLX, YWBH, BBH, SJNR, HZ FROM HUB_INBOX");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0))
                .containsEntry("DELIVERY_ID", "D-1")
                .containsEntry("SJLX", "TAX_CLEARANCE")
                .containsEntry("YWBH", "WS-HT-2026-000123")
                .containsEntry("BBH", 1);
        assertThat(SampleRecords.JSON.readTree((String) inbox.get(0).get("SJNR")))
                .isEqualTo(clearance.record());
        assertThat(SampleRecords.JSON.readTree((String) inbox.get(0).get("HZ"))).isEqualTo(clearance.receipt());
        assertThat(rows("SELECT * FROM FUNDS_RELEASE"))
                .as("a clearance releases nothing")
                .isEmpty();
    }

    @Test
    void aRegisteredRegistrationReleasesTheContractsFunds() throws Exception {
        deliver(registration("D-1", 1, SampleRecords.registration()));

        List<Map<String, Object>> releases = rows("SELECT HTBH, BDCQZH, FWBM, DJRQ, DELIVERY_ID FROM FUNDS_RELEASE");
        assertThat(releases).hasSize(1);
        assertThat(releases.get(0))
                .containsEntry("HTBH", "HT-2026-000123")
                .containsEntry("BDCQZH", "BDC-HT-2026-000123")
                .containsEntry("FWBM", "320105001017-B03-1203")
                .containsEntry("DJRQ", Date.valueOf("2026-05-08"))
                .containsEntry("DELIVERY_ID", "D-1");
    }

    @Test
    void releasesFundsOncePerContractAcrossRepeatedAndReversionedRegistrations() throws Exception {
        ObjectNode secondVersion = SampleRecords.registration();
        secondVersion.put("registeredDate", "2026-05-09");

        deliver(registration("D-1", 1, SampleRecords.registration()));
        deliver(registration("D-1", 1, SampleRecords.registration()));
        deliver(registration("D-2", 2, secondVersion));

        assertThat(rows("SELECT DELIVERY_ID FROM HUB_INBOX ORDER BY DELIVERY_ID"))
                .extracting(row -> row.get("DELIVERY_ID"))
                .containsExactly("D-1", "D-2");
        List<Map<String, Object>> releases = rows("SELECT HTBH, DELIVERY_ID FROM FUNDS_RELEASE");
        assertThat(releases).hasSize(1);
        assertThat(releases.get(0)).containsEntry("DELIVERY_ID", "D-1");
    }

    @Test
    void aRejectedRegistrationReleasesNothingAndALaterRegisteredOneReleasesOnce() throws Exception {
        deliver(registration("D-1", 1, rejected()));

        assertThat(rows("SELECT * FROM HUB_INBOX")).hasSize(1);
        assertThat(rows("SELECT * FROM FUNDS_RELEASE")).isEmpty();

        deliver(registration("D-2", 2, SampleRecords.registration()));

        assertThat(rows("SELECT DELIVERY_ID FROM FUNDS_RELEASE"))
                .extracting(row -> row.get("DELIVERY_ID"))
                .containsExactly("D-2");
    }

    @Test
    void aReleaseThatCannotBeWrittenLeavesNoInboxRowSoTheRetryDoesItAll() throws Exception {
        ObjectNode broken = SampleRecords.registration();
        broken.put("registeredDate", "2026-13-45");

        Throwable failure = catchThrowable(() -> deliver(registration("D-1", 1, broken)));

        assertThat(failure).as("the route throws, so the hub retries").isNotNull();
        assertThat(rows("SELECT * FROM HUB_INBOX")).isEmpty();
        assertThat(rows("SELECT * FROM FUNDS_RELEASE")).isEmpty();

        deliver(registration("D-1", 1, SampleRecords.registration()));

        assertThat(rows("SELECT * FROM HUB_INBOX")).hasSize(1);
        assertThat(rows("SELECT * FROM FUNDS_RELEASE")).hasSize(1);
    }
}
