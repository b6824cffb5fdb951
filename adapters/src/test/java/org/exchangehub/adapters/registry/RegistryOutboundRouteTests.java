package org.exchangehub.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.outbound.FakeVerifyApi;
import org.exchangehub.adapters.outbound.PublishStandIn;
import org.exchangehub.adapters.outbound.PushSettings;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.exchangehub.adapters.outbound.SchemaCheck;
import org.exchangehub.adapters.simulator.RegistrySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryOutboundRouteTests {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-05-08T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private final PublishStandIn hub = new PublishStandIn();
    private FakeVerifyApi verifyApi;
    private RegistrySimulator registry;
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        verifyApi = new FakeVerifyApi();
        registry = new RegistrySimulator(0, verifyApi.url(), TODAY);
        registry.start();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RegistryOutboundRoute(PushSettings.of("registry", registry.url())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))));
        camel.addRoutes(hub);
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        registry.stop();
        verifyApi.close();
    }

    private static Delivery filing(String deliveryId) {
        return SampleRecords.delivery(deliveryId, "registry", "FILING", "filingNo", 1, SampleRecords.filing());
    }

    private static Delivery clearance(String deliveryId, int version) {
        return SampleRecords.delivery(
                deliveryId, "registry", "TAX_CLEARANCE", "voucherNo", version, SampleRecords.taxClearance());
    }

    private static Delivery contract(String deliveryId) {
        return SampleRecords.delivery(deliveryId, "registry", "CONTRACT", "contractNo", 1, SampleRecords.contract());
    }

    private void deliver(Delivery delivery) {
        producer.requestBodyAndHeader(
                HubEndpoints.deliver("registry"), delivery, HubHeaders.DELIVERY_ID, delivery.deliveryId());
    }

    @Test
    void aFilingThenItsClearancePublishesExactlyOneRegistration() {
        deliver(filing("D-1"));

        assertThat(hub.published()).isEmpty();

        deliver(clearance("D-2", 1));

        assertThat(hub.published()).hasSize(1);
        PublishStandIn.Published published = hub.published().get(0);
        assertThat(published.agency()).isEqualTo("registry");
        assertThat(published.sourceRef()).isEqualTo("registry-delivery:D-2");
        JsonNode registration = published.record().payload();
        assertThat(published.record().id()).isEqualTo("BDC-HT-2026-000123");
        assertThat(registration.path("result").asText()).isEqualTo("REGISTERED");
        assertThat(registration.path("houseCode").asText()).isEqualTo("320105001017-B03-1203");
        assertThat(registration.path("registeredDate").asText()).isEqualTo("2026-05-08");
        assertThat(registration.path("owners")).hasSize(1);
        assertThat(registration.path("owners").path(0).path("name").asText())
                .as("the taxpayer")
                .isEqualTo("张伟");
        assertThat(SchemaCheck.of("REGISTRATION").problems(registration)).isEmpty();
    }

    @Test
    void aClearanceThenItsFilingPublishesExactlyOneRegistration() {
        deliver(clearance("D-1", 1));
        deliver(filing("D-2"));

        assertThat(hub.published()).hasSize(1);
        assertThat(hub.published().get(0).sourceRef()).isEqualTo("registry-delivery:D-2");
        assertThat(hub.published().get(0).record().payload().path("result").asText())
                .isEqualTo("REGISTERED");
    }

    @Test
    void theContractsBuyersBecomeTheOwnersWhenTheRegistryHasTheContract() {
        deliver(contract("D-0"));
        deliver(filing("D-1"));
        deliver(clearance("D-2", 1));

        JsonNode owners = hub.published().get(0).record().payload().path("owners");
        assertThat(owners).hasSize(2);
        assertThat(owners.path(1).path("idNumber").asText()).isEqualTo("99010119920315002X");
        assertThat(owners.path(1).has("phone")).isFalse();
    }

    @Test
    void aClearanceTheHubDoesNotCallGenuineIsRejectedWithTheVerdict() {
        verifyApi.answer("WS-HT-2026-000123", "TAMPERED");

        deliver(filing("D-1"));
        deliver(clearance("D-2", 1));

        assertThat(hub.published()).hasSize(1);
        JsonNode registration = hub.published().get(0).record().payload();
        assertThat(registration.path("result").asText()).isEqualTo("REJECTED");
        assertThat(registration.path("rejectReason").asText())
                .contains("WS-HT-2026-000123")
                .contains("TAMPERED");
        assertThat(SchemaCheck.of("REGISTRATION").problems(registration)).isEmpty();
    }

    @Test
    void aRepeatedDeliveryRegistersNothingTwice() {
        deliver(filing("D-1"));
        deliver(clearance("D-2", 1));
        deliver(clearance("D-2", 1));

        assertThat(registry.requestCount()).isEqualTo(3);
        assertThat(registry.deliveries()).containsExactly("D-1", "D-2");
        assertThat(registry.registrations()).hasSize(1);
        assertThat(hub.published()).hasSize(2);
        assertThat(hub.published().get(1).record())
                .isEqualTo(hub.published().get(0).record());
    }

    @Test
    void aNewVersionOfTheClearanceAfterRegistrationRegistersNothing() {
        deliver(filing("D-1"));
        deliver(clearance("D-2", 1));
        deliver(clearance("D-3", 2));

        assertThat(registry.registrations()).hasSize(1);
        assertThat(hub.published()).hasSize(1);
    }

    @Test
    void aTypeTheRegistryDoesNotTakeFailsBeforeAnythingIsPushed() {
        Delivery unit = SampleRecords.delivery("D-9", "registry", "UNIT", "houseCode", 1, SampleRecords.unit());

        Throwable thrown = catchThrowable(() -> deliver(unit));

        assertThat(thrown).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getCause()).hasMessageContaining("not UNIT");
        assertThat(registry.requestCount()).isZero();
    }
}
