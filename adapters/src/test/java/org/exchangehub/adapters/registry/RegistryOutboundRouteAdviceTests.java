package org.exchangehub.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.exchangehub.adapters.simulator.RegistrySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code registry-outbound} route against the registry simulator, advised so that the hub's {@code
 * direct:publish} is a mock answering a {@link PublishResult}: what reaches the hub is exactly the registration
 * mapping.
 */
class RegistryOutboundRouteAdviceTests {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-05-08T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private FakeVerifyApi verifyApi;
    private RegistrySimulator registry;
    private CamelContext camel;
    private ProducerTemplate producer;
    private MockEndpoint hub;

    @BeforeEach
    void adviseAndStart() throws Exception {
        verifyApi = new FakeVerifyApi();
        registry = new RegistrySimulator(0, verifyApi.url(), TODAY);
        registry.start();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RegistryOutboundRoute(PushSettings.of("registry", registry.url())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))));
        AdviceWith.adviceWith(
                camel,
                "registry-outbound",
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
        registry.stop();
        verifyApi.close();
    }

    private void deliver(Delivery delivery) {
        producer.requestBodyAndHeader(
                HubEndpoints.deliver("registry"), delivery, HubHeaders.DELIVERY_ID, delivery.deliveryId());
    }

    private static Delivery filing(String deliveryId, JsonNode payload) {
        return SampleRecords.delivery(deliveryId, "registry", "FILING", "filingNo", 1, payload);
    }

    private static Delivery clearance(String deliveryId) {
        return SampleRecords.delivery(
                deliveryId, "registry", "TAX_CLEARANCE", "voucherNo", 1, SampleRecords.taxClearance());
    }

    private static Delivery contract(String deliveryId) {
        return SampleRecords.delivery(deliveryId, "registry", "CONTRACT", "contractNo", 1, SampleRecords.contract());
    }

    private CanonicalRecord published(int index) {
        return hub.getExchanges().get(index).getMessage().getBody(CanonicalRecord.class);
    }

    @Test
    void aFilingAloneIsTakenAndPublishesNothing() throws Exception {
        hub.expectedMessageCount(0);

        deliver(filing("D-1", SampleRecords.filing()));

        hub.assertIsSatisfied();
        assertThat(registry.deliveries()).containsExactly("D-1");
    }

    @Test
    void theRegistrationResultReachesTheHubAsRegisteredRegistrationOfTheRegistry() throws Exception {
        hub.expectedMessageCount(1);
        hub.expectedHeaderReceived(HubHeaders.AGENCY, "registry");
        hub.expectedHeaderReceived(HubHeaders.SOURCE_REF, "registry-delivery:D-3");

        deliver(contract("D-1"));
        deliver(filing("D-2", SampleRecords.filing()));
        deliver(clearance("D-3"));

        hub.assertIsSatisfied();
        CanonicalRecord record = published(0);
        assertThat(record.type()).isEqualTo("REGISTRATION");
        assertThat(record.id()).isEqualTo("BDC-HT-2026-000123");
        assertThat(record.version()).as("left to the hub").isNull();
        assertThat(record.payload()).isEqualTo(SampleRecords.parse("""
                        {"certificateNo": "BDC-HT-2026-000123", "houseCode": "320105001017-B03-1203",
                         "contractNo": "HT-2026-000123",
                         "owners": [
                           {"name": "张伟", "idNumber": "990101199001011234"},
                           {"name": "李娜", "idNumber": "99010119920315002X"}],
                         "registeredDate": "2026-05-08", "result": "REGISTERED"}
                        """));
    }

    @Test
    void aClearanceTheHubDoesNotCallGenuineReachesTheHubAsRejectedWithTheVerdictAsReason() throws Exception {
        hub.expectedMessageCount(1);
        hub.expectedHeaderReceived(HubHeaders.AGENCY, "registry");
        verifyApi.answer("WS-HT-2026-000123", "TAMPERED");

        deliver(filing("D-1", SampleRecords.filing()));
        deliver(clearance("D-2"));

        hub.assertIsSatisfied();
        JsonNode payload = published(0).payload();
        assertThat(payload.path("result").asText()).isEqualTo("REJECTED");
        assertThat(payload.path("rejectReason").asText())
                .contains("BA-2026-000456")
                .contains("WS-HT-2026-000123")
                .contains("TAMPERED");
        assertThat(payload.path("owners").path(0).path("name").asText())
                .as("the taxpayer, the registry not having the contract")
                .isEqualTo("张伟");
    }

    @Test
    void aFilingTheHubDoesNotCallGenuineAlsoRejectsTheRegistration() throws Exception {
        hub.expectedMessageCount(1);
        verifyApi.answer("BA-2026-000456", "NOT_FOUND");

        deliver(filing("D-1", SampleRecords.filing()));
        deliver(clearance("D-2"));

        hub.assertIsSatisfied();
        JsonNode payload = published(0).payload();
        assertThat(payload.path("result").asText()).isEqualTo("REJECTED");
        assertThat(payload.path("rejectReason").asText()).contains("NOT_FOUND");
    }

    @Test
    void aRecordWithoutContractNumberIsRefusedWith422AndPublishesNothing() throws Exception {
        hub.expectedMessageCount(0);
        ObjectNode noContract = SampleRecords.filing();
        noContract.remove("contractNo");

        Throwable thrown = catchThrowable(() -> deliver(filing("D-1", noContract)));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(PushFailedException.class);
        assertThat(((PushFailedException) thrown.getCause()).status()).isEqualTo(422);
        assertThat(thrown.getCause().getMessage()).contains("不予接收");
        hub.assertIsSatisfied();
    }

    @Test
    void aTypeTheRegistryDoesNotTakeMakesTheRouteThrowBeforeAnythingIsPushed() throws Exception {
        hub.expectedMessageCount(0);
        Delivery unit = SampleRecords.delivery("D-9", "registry", "UNIT", "houseCode", 1, SampleRecords.unit());

        Throwable thrown = catchThrowable(() -> deliver(unit));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not UNIT");
        assertThat(registry.requestCount()).isZero();
        hub.assertIsSatisfied();
    }
}
