package org.exchangehub.adapters.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.hub.PublishResult;
import org.exchangehub.adapters.outbound.FakeVerifyApi;
import org.exchangehub.adapters.outbound.PushFailedException;
import org.exchangehub.adapters.outbound.PushSettings;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.exchangehub.adapters.simulator.TaxSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code tax-outbound} route against the tax bureau simulator, advised so that the hub's {@code
 * direct:publish} is a mock answering a {@link PublishResult}: what reaches the hub is exactly the voucher mapping.
 */
class TaxOutboundRouteAdviceTests {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-04-20T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private FakeVerifyApi verifyApi;
    private TaxSimulator tax;
    private CamelContext camel;
    private ProducerTemplate producer;
    private MockEndpoint hub;

    @BeforeEach
    void adviseAndStart() throws Exception {
        verifyApi = new FakeVerifyApi();
        tax = new TaxSimulator(0, verifyApi.url(), TODAY);
        tax.start();
        camel = new DefaultCamelContext();
        camel.addRoutes(new TaxOutboundRoute(
                PushSettings.of("tax", tax.url()).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))));
        AdviceWith.adviceWith(
                camel,
                "tax-outbound",
                route -> route.weaveByToUri(HubEndpoints.PUBLISH).replace().to("mock:publish"));
        camel.start();
        producer = camel.createProducerTemplate();
        hub = camel.getEndpoint("mock:publish", MockEndpoint.class);
        hub.whenAnyExchangeReceived(exchange -> {
            CanonicalRecord record = exchange.getMessage().getBody(CanonicalRecord.class);
            exchange.getMessage().setBody(new PublishResult(record.type(), record.id(), 1, "R-" + record.id(), true));
        });
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        tax.stop();
        verifyApi.close();
    }

    private Object deliver(Delivery delivery) {
        return producer.requestBodyAndHeader(
                HubEndpoints.deliver("tax"), delivery, HubHeaders.DELIVERY_ID, delivery.deliveryId());
    }

    private static Delivery contract(String deliveryId, JsonNode payload) {
        return SampleRecords.delivery(deliveryId, "tax", "CONTRACT", "contractNo", 1, payload);
    }

    @Test
    void theAdvisedRouteSendsNothingToTheRealPublishEndpoint() {
        assertThat(camel.hasEndpoint(HubEndpoints.PUBLISH))
                .as("direct:publish was woven out of the route")
                .isNull();
        assertThat(camel.getRoute("tax-outbound").getEndpoint().getEndpointUri())
                .isEqualTo("direct://deliver-tax");
    }

    @Test
    void aDeliveredContractReachesTheHubAsTaxClearanceWithTheVouchersFieldsAndAmount() throws Exception {
        hub.expectedMessageCount(1);
        hub.expectedHeaderReceived(HubHeaders.AGENCY, "tax");
        hub.expectedHeaderReceived(HubHeaders.SOURCE_REF, "tax-delivery:D-1");

        Object answer = deliver(contract("D-1", SampleRecords.contract()));

        hub.assertIsSatisfied();
        CanonicalRecord record = hub.getExchanges().get(0).getMessage().getBody(CanonicalRecord.class);
        assertThat(record.type()).isEqualTo("TAX_CLEARANCE");
        assertThat(record.id()).isEqualTo("WS-HT-2026-000123");
        assertThat(record.version()).as("left to the hub").isNull();
        JsonNode payload = record.payload();
        assertThat(payload.path("voucherNo").asText()).isEqualTo("WS-HT-2026-000123");
        assertThat(payload.path("contractNo").asText()).isEqualTo("HT-2026-000123");
        assertThat(payload.path("taxpayer").path("name").asText()).isEqualTo("张伟");
        assertThat(payload.path("taxpayer").path("idNumber").asText()).isEqualTo("990101199001011234");
        assertThat(payload.path("taxpayer").has("phone")).isFalse();
        // 3,456,789.12 yuan × 1.5% (98.76 m² is above 90 m²) = 51,851.8368, rounded to the fen
        assertThat(payload.path("taxAmount").isBigDecimal())
                .as("money stays decimal")
                .isTrue();
        assertThat(payload.path("taxAmount").decimalValue()).isEqualByComparingTo("51851.84");
        assertThat(payload.path("taxRate").decimalValue()).isEqualByComparingTo("0.015");
        assertThat(payload.path("paidDate").asText()).isEqualTo("2026-04-20");
        assertThat(payload.fieldNames())
                .toIterable()
                .containsExactly("voucherNo", "contractNo", "taxpayer", "taxAmount", "taxRate", "paidDate");
        assertThat(answer).as("the hub's answer ends the exchange").isInstanceOf(PublishResult.class);
    }

    @Test
    void aSmallFlatIsTaxedAtTheReducedRate() throws Exception {
        hub.expectedMessageCount(1);
        JsonNode small = SampleRecords.contract().put("area", new BigDecimal("88.00"));

        deliver(contract("D-2", small));

        hub.assertIsSatisfied();
        JsonNode payload = hub.getExchanges()
                .get(0)
                .getMessage()
                .getBody(CanonicalRecord.class)
                .payload();
        // 3,456,789.12 yuan × 1% (88 m² is at most 90 m²) = 34,567.8912
        assertThat(payload.path("taxRate").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(payload.path("taxAmount").decimalValue()).isEqualByComparingTo("34567.89");
    }

    @Test
    void aContractTheHubDoesNotCallGenuineIsRefusedWith422AndPublishesNothing() throws Exception {
        hub.expectedMessageCount(0);
        verifyApi.answer("HT-2026-000123", "TAMPERED");

        Throwable thrown = catchThrowable(() -> deliver(contract("D-1", SampleRecords.contract())));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(PushFailedException.class);
        assertThat(((PushFailedException) thrown.getCause()).status()).isEqualTo(422);
        assertThat(thrown.getCause().getMessage()).contains("不予受理").contains("TAMPERED");
        hub.assertIsSatisfied();
        assertThat(tax.vouchers()).isEmpty();
    }

    @Test
    void aVoucherNamingNoTaxpayerMakesTheRouteThrowAndPublishesNothing() throws Exception {
        hub.expectedMessageCount(0);
        // the bureau takes the taxpayer from the first buyer: with none, its voucher has a blank NSR.XM
        ObjectNode payload = SampleRecords.contract();
        payload.putArray("buyers");

        Throwable thrown = catchThrowable(() -> deliver(contract("D-4", payload)));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tax voucher field XM is missing or not text");
        assertThat(tax.vouchers()).as("the bureau did issue a voucher").hasSize(1);
        hub.assertIsSatisfied();
    }

    @Test
    void aCancelledContractIsTakenWithoutVoucherAndPublishesNothing() throws Exception {
        hub.expectedMessageCount(0);
        verifyApi.answer("HT-2026-000123", "REVOKED");

        deliver(SampleRecords.delivery("D-3", "tax", "CONTRACT", "contractNo", 2, SampleRecords.cancelledContract()));

        hub.assertIsSatisfied();
        assertThat(tax.deliveries()).containsExactly("D-3");
    }
}
