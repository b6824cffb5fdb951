package org.exchangehub.adapters.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.hub.RecordRefusedException;
import org.exchangehub.adapters.outbound.FakeVerifyApi;
import org.exchangehub.adapters.outbound.PublishStandIn;
import org.exchangehub.adapters.outbound.PushFailedException;
import org.exchangehub.adapters.outbound.PushSettings;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.exchangehub.adapters.outbound.SchemaCheck;
import org.exchangehub.adapters.simulator.TaxSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaxOutboundRouteTests {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-04-20T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private final PublishStandIn hub = new PublishStandIn();
    private FakeVerifyApi verifyApi;
    private TaxSimulator tax;
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        verifyApi = new FakeVerifyApi();
        tax = new TaxSimulator(0, verifyApi.url(), TODAY);
        tax.start();
        camel = new DefaultCamelContext();
        camel.addRoutes(new TaxOutboundRoute(
                // a read timeout of 2 s: 0.5 s was too short for a refusal from the simulator on a loaded CI machine
                PushSettings.of("tax", tax.url()).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))));
        camel.addRoutes(hub);
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        tax.stop();
        verifyApi.close();
    }

    private static Delivery contract(String deliveryId) {
        return SampleRecords.delivery(deliveryId, "tax", "CONTRACT", "contractNo", 1, SampleRecords.contract());
    }

    private void deliver(Delivery delivery) {
        producer.requestBodyAndHeader(
                HubEndpoints.deliver("tax"), delivery, HubHeaders.DELIVERY_ID, delivery.deliveryId());
    }

    private Throwable failureOf(Delivery delivery) {
        Throwable thrown = catchThrowable(() -> deliver(delivery));
        assertThat(thrown).as("the route throws, so the hub retries").isNotNull();
        return thrown.getCause();
    }

    @Test
    void servesTheTaxDeliveryEndpointUnderItsRouteId() {
        assertThat(camel.getRoute("tax-outbound").getEndpoint().getEndpointUri())
                .isEqualTo("direct://deliver-tax");
    }

    @Test
    void aDeliveredContractPublishesTheVoucherAsTaxWithTheRightAmount() {
        deliver(contract("D-1"));

        assertThat(hub.published()).hasSize(1);
        PublishStandIn.Published published = hub.published().get(0);
        assertThat(published.agency()).isEqualTo("tax");
        assertThat(published.sourceRef()).isEqualTo("tax-delivery:D-1");
        CanonicalRecord record = published.record();
        assertThat(record.type()).isEqualTo("TAX_CLEARANCE");
        assertThat(record.id()).isEqualTo("WS-HT-2026-000123");
        // 3,456,789.12 yuan × 1.5% (98.76 m² is above 90 m²) = 51,851.8368, rounded to the fen
        assertThat(record.payload().path("taxAmount").decimalValue()).isEqualByComparingTo("51851.84");
        assertThat(record.payload().path("taxRate").decimalValue()).isEqualByComparingTo(new BigDecimal("0.015"));
        assertThat(record.payload().path("paidDate").asText()).isEqualTo("2026-04-20");
        assertThat(record.payload().path("taxpayer").path("name").asText()).isEqualTo("张伟");
        assertThat(SchemaCheck.of("TAX_CLEARANCE").problems(record.payload())).isEmpty();
        assertThat(verifyApi.asked()).containsExactly(contract("D-1").record());
    }

    @Test
    void aTamperedVerdictMakesTheDeliveryFailWithTheTaxBureausAnswer() {
        verifyApi.answer("HT-2026-000123", "TAMPERED");

        Throwable failure = failureOf(contract("D-1"));

        assertThat(failure).isInstanceOf(PushFailedException.class);
        assertThat(((PushFailedException) failure).status()).isEqualTo(422);
        assertThat(failure.getMessage()).contains("TAMPERED").contains("不予受理");
        assertThat(hub.published()).isEmpty();
        assertThat(tax.deliveries()).isEmpty();
    }

    @Test
    void aTaxBureauThatIsDownMakesTheDeliveryFailAndTheRetryAfterItIsUpSucceeds() {
        tax.down();

        Throwable failure = failureOf(contract("D-1"));

        assertThat(failure).isInstanceOf(PushFailedException.class).hasMessageContaining("connection refused");
        assertThat(hub.published()).isEmpty();

        tax.up();
        deliver(contract("D-1"));

        assertThat(hub.published()).hasSize(1);
        assertThat(tax.deliveries()).containsExactly("D-1");
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutFailsAndTheRetryIsNotSeenTwiceByTheApplication() {
        tax.delay(Duration.ofSeconds(5));

        Throwable failure = failureOf(contract("D-1"));

        assertThat(failure).isInstanceOf(PushFailedException.class).hasMessageContaining("no answer within");
        assertThat(hub.published()).isEmpty();

        tax.delay(Duration.ZERO);
        deliver(contract("D-1"));

        assertThat(tax.requestCount()).isEqualTo(2);
        assertThat(tax.deliveries()).containsExactly("D-1");
        assertThat(tax.vouchers()).hasSize(1);
        assertThat(hub.published()).hasSize(1);
    }

    @Test
    void aRepeatedDeliveryIsSeenOnceByTheApplicationAndPublishesTheSameVoucher() {
        deliver(contract("D-1"));
        deliver(contract("D-1"));

        assertThat(tax.requestCount()).isEqualTo(2);
        assertThat(tax.deliveries()).containsExactly("D-1");
        assertThat(tax.vouchers()).hasSize(1);
        assertThat(hub.published()).hasSize(2);
        assertThat(hub.published().get(1).record())
                .isEqualTo(hub.published().get(0).record());
    }

    @Test
    void aServiceUnavailableAnswerFailsTheDelivery() {
        tax.failNext(1);

        Throwable failure = failureOf(contract("D-1"));

        assertThat(failure).isInstanceOf(PushFailedException.class);
        assertThat(((PushFailedException) failure).status()).isEqualTo(503);
        assertThat(tax.deliveries()).isEmpty();
    }

    @Test
    void aFilingIsAcknowledgedAndPublishesNothing() {
        deliver(SampleRecords.delivery("D-2", "tax", "FILING", "filingNo", 1, SampleRecords.filing()));

        assertThat(tax.filings()).hasSize(1);
        assertThat(tax.filings().get(0).path("BABH").asText()).isEqualTo("BA-2026-000456");
        assertThat(hub.published()).isEmpty();
    }

    @Test
    void aCancelledContractIsDeliveredWithoutVoucher() {
        verifyApi.answer("HT-2026-000123", "REVOKED");

        deliver(SampleRecords.delivery("D-3", "tax", "CONTRACT", "contractNo", 2, SampleRecords.cancelledContract()));

        assertThat(tax.deliveries()).containsExactly("D-3");
        assertThat(tax.vouchers()).isEmpty();
        assertThat(hub.published()).isEmpty();
    }

    @Test
    void aVoucherTheHubRefusesFailsTheDeliveryWithTheHubsReason() {
        hub.refuseWith(new RecordRefusedException("PAYLOAD_INVALID", "/taxAmount: above 100000000000"));

        Throwable failure = failureOf(contract("D-1"));

        assertThat(failure).isInstanceOf(RecordRefusedException.class);
        assertThat(((RecordRefusedException) failure).reason()).startsWith("PAYLOAD_INVALID: /taxAmount");
    }
}
