package org.exchangehub.adapters.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.outbound.FakeVerifyApi;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrySimulatorTests {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-05-08T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private final SimulatorClient client = new SimulatorClient();
    private FakeVerifyApi verifyApi;
    private RegistrySimulator registry;

    @BeforeEach
    void start() throws Exception {
        verifyApi = new FakeVerifyApi();
        registry = new RegistrySimulator(0, verifyApi.url(), TODAY);
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop();
        verifyApi.close();
    }

    private SimulatorClient.Answer push(String deliveryId, String type, String key, int version, JsonNode payload)
            throws Exception {
        Delivery delivery = SampleRecords.delivery(deliveryId, "registry", type, key, version, payload);
        ObjectNode body = SampleRecords.JSON.createObjectNode();
        body.set("record", delivery.record());
        body.set("receipt", delivery.receipt());
        return client.post(registry.url(), "/records", deliveryId, body);
    }

    @Test
    void registersOnceItHasAFiledFilingAndAClearanceAfterVerifyingBoth() throws Exception {
        SimulatorClient.Answer filed = push("D-1", "FILING", "filingNo", 1, SampleRecords.filing());
        SimulatorClient.Answer cleared = push("D-2", "TAX_CLEARANCE", "voucherNo", 1, SampleRecords.taxClearance());

        assertThat(filed.body().has("DJXX")).isFalse();
        JsonNode result = cleared.body().path("DJXX");
        assertThat(result.path("DJJG").asText()).isEqualTo("登记");
        assertThat(result.path("BDCQZH").asText()).isEqualTo("BDC-HT-2026-000123");
        assertThat(result.path("DJRQ").asText()).isEqualTo("2026-05-08");
        assertThat(verifyApi.asked())
                .extracting(record -> record.path("type").asText())
                .containsExactlyInAnyOrder("FILING", "TAX_CLEARANCE");
    }

    @Test
    void aRevokedFilingIsKeptButRegistersNothing() throws Exception {
        ObjectNode revoked = SampleRecords.filing();
        revoked.put("status", "REVOKED");

        push("D-1", "FILING", "filingNo", 2, revoked);
        SimulatorClient.Answer cleared = push("D-2", "TAX_CLEARANCE", "voucherNo", 1, SampleRecords.taxClearance());

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().has("DJXX")).isFalse();
        assertThat(registry.registrations()).isEmpty();
    }

    @Test
    void aRejectedContractIsDecidedAgainWhenANewClearanceArrives() throws Exception {
        verifyApi.answer("WS-HT-2026-000123", "PENDING");
        push("D-1", "FILING", "filingNo", 1, SampleRecords.filing());
        SimulatorClient.Answer first = push("D-2", "TAX_CLEARANCE", "voucherNo", 1, SampleRecords.taxClearance());

        verifyApi.answer("WS-HT-2026-000123", "GENUINE");
        SimulatorClient.Answer second = push("D-3", "TAX_CLEARANCE", "voucherNo", 2, SampleRecords.taxClearance());

        assertThat(first.body().path("DJXX").path("DJJG").asText()).isEqualTo("不予登记");
        assertThat(first.body().path("DJXX").path("BYDJYY").asText()).contains("PENDING");
        assertThat(second.body().path("DJXX").path("DJJG").asText()).isEqualTo("登记");
        assertThat(registry.registrations()).hasSize(2);
    }

    @Test
    void answers503WhenTheHubCannotBeAskedAndTheRetryOfThatPushRegisters() throws Exception {
        push("D-1", "FILING", "filingNo", 1, SampleRecords.filing());
        registry.hubUrl(URI.create("http://127.0.0.1:1"));

        SimulatorClient.Answer unavailable = push("D-2", "TAX_CLEARANCE", "voucherNo", 1, SampleRecords.taxClearance());

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(registry.deliveries()).containsExactly("D-1");

        registry.hubUrl(verifyApi.url());
        SimulatorClient.Answer retried = push("D-2", "TAX_CLEARANCE", "voucherNo", 1, SampleRecords.taxClearance());

        assertThat(retried.body().path("DJXX").path("DJJG").asText()).isEqualTo("登记");
        assertThat(registry.registrations()).hasSize(1);
    }

    @Test
    void refusesATypeItDoesNotTake() throws Exception {
        SimulatorClient.Answer answer = push("D-1", "UNIT", "houseCode", 1, SampleRecords.unit());

        assertThat(answer.status()).isEqualTo(422);
        assertThat(registry.deliveries()).isEmpty();
    }
}
