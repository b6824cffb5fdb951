package org.exchangehub.adapters.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.ConnectException;
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

class TaxSimulatorTests {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-04-20T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private final SimulatorClient client = new SimulatorClient();
    private FakeVerifyApi verifyApi;
    private TaxSimulator tax;

    @BeforeEach
    void start() throws Exception {
        verifyApi = new FakeVerifyApi();
        tax = new TaxSimulator(0, verifyApi.url(), TODAY);
        tax.start();
    }

    @AfterEach
    void stop() {
        tax.stop();
        verifyApi.close();
    }

    /** The tax message as the tax route makes it, for a contract of this price and area. */
    private static ObjectNode contractMessage(String price, String area) {
        ObjectNode payload = SampleRecords.contract();
        payload.put("price", new BigDecimal(price));
        payload.put("area", new BigDecimal(area));
        Delivery delivery = SampleRecords.delivery("D-0", "tax", "CONTRACT", "contractNo", 1, payload);
        ObjectNode message = SampleRecords.JSON.createObjectNode();
        message.put("HTBH", "HT-2026-000123").put("HTZT", "已签约");
        message.put("JYJG", new BigDecimal(price)).put("MJ", new BigDecimal(area));
        message.putArray("MSF").addObject().put("XM", "张伟").put("ZJHM", "990101199001011234");
        message.set("record", delivery.record());
        message.set("receipt", delivery.receipt());
        return message;
    }

    private SimulatorClient.Answer postContract(String deliveryId, ObjectNode message) throws Exception {
        return client.post(tax.url(), "/contracts", deliveryId, message);
    }

    @Test
    void chargesOnePercentUpToNinetySquareMetres() throws Exception {
        SimulatorClient.Answer answer = postContract("D-1", contractMessage("1234567.89", "90.00"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("WSPZ").path("SL").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(answer.body().path("WSPZ").path("SE").decimalValue()).isEqualTo(new BigDecimal("12345.68"));
    }

    @Test
    void chargesOneAndAHalfPercentAboveNinetySquareMetres() throws Exception {
        SimulatorClient.Answer answer = postContract("D-1", contractMessage("3456789.12", "90.01"));

        assertThat(answer.body().path("WSPZ").path("SL").decimalValue()).isEqualByComparingTo("0.015");
        assertThat(answer.body().path("WSPZ").path("SE").decimalValue()).isEqualTo(new BigDecimal("51851.84"));
    }

    @Test
    void issuesTheVoucherToTheFirstBuyerUnderANumberFromTheContractNo() throws Exception {
        SimulatorClient.Answer answer = postContract("D-1", contractMessage("100.00", "50.00"));

        assertThat(answer.body().path("WSPZ").path("WSPZH").asText()).isEqualTo("WS-HT-2026-000123");
        assertThat(answer.body().path("WSPZ").path("NSR").path("XM").asText()).isEqualTo("张伟");
        assertThat(answer.body().path("WSPZ").path("JKRQ").asText()).isEqualTo("2026-04-20");
    }

    @Test
    void refusesAContractTheHubDoesNotCallGenuineWithTheVerdict() throws Exception {
        verifyApi.answer("HT-2026-000123", "TAMPERED");

        SimulatorClient.Answer answer = postContract("D-1", contractMessage("100.00", "50.00"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("YZJG").asText()).isEqualTo("TAMPERED");
        assertThat(answer.body().path("YY").path(0).asText()).contains("TAMPERED");
        assertThat(tax.vouchers()).isEmpty();
    }

    @Test
    void acknowledgesAVersionThatIsNoLongerCurrentWithoutAVoucher() throws Exception {
        verifyApi.answer("HT-2026-000123", "SUPERSEDED");
        SimulatorClient.Answer superseded = postContract("D-1", contractMessage("100.00", "50.00"));
        verifyApi.answer("HT-2026-000123", "REVOKED");
        SimulatorClient.Answer cancelledSince = postContract("D-2", contractMessage("100.00", "50.00"));

        assertThat(superseded.status()).isEqualTo(200);
        assertThat(superseded.body().path("SM").asText()).contains("SUPERSEDED");
        assertThat(superseded.body().has("WSPZ")).isFalse();
        assertThat(cancelledSince.status()).isEqualTo(200);
        assertThat(cancelledSince.body().has("WSPZ")).isFalse();
        assertThat(tax.vouchers()).isEmpty();
    }

    @Test
    void refusesAMessageWhosePriceDiffersFromTheVerifiedRecord() throws Exception {
        ObjectNode message = contractMessage("100.00", "50.00");
        message.put("JYJG", new BigDecimal("1.00"));

        SimulatorClient.Answer answer = postContract("D-1", message);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("YY").path(0).asText()).contains("JYJG");
    }

    @Test
    void answersARepeatedDeliveryIdAsBeforeWithoutTheApplicationSeeingItAgain() throws Exception {
        SimulatorClient.Answer first = postContract("D-1", contractMessage("100.00", "50.00"));
        SimulatorClient.Answer again = postContract("D-1", contractMessage("100.00", "50.00"));

        assertThat(again).isEqualTo(first);
        assertThat(tax.requestCount()).isEqualTo(2);
        assertThat(tax.deliveries()).containsExactly("D-1");
        assertThat(tax.vouchers()).hasSize(1);
        assertThat(verifyApi.asked()).hasSize(1);
    }

    @Test
    void failsTheNextRequestsWith503BeforeTheApplicationSeesThem() throws Exception {
        tax.failNext(2);

        assertThat(postContract("D-1", contractMessage("100.00", "50.00")).status())
                .isEqualTo(503);
        assertThat(postContract("D-1", contractMessage("100.00", "50.00")).status())
                .isEqualTo(503);
        assertThat(postContract("D-1", contractMessage("100.00", "50.00")).status())
                .isEqualTo(200);
        assertThat(tax.requestCount()).isEqualTo(3);
        assertThat(tax.deliveries()).containsExactly("D-1");
    }

    @Test
    void refusesConnectionsWhileDownAndComesBackOnTheSamePort() throws Exception {
        int port = tax.port();
        URI url = tax.url();
        tax.down();

        assertThat(tax.running()).isFalse();
        assertThatThrownBy(() -> client.post(url, "/filings", "D-1", SampleRecords.filing()))
                .isInstanceOf(ConnectException.class);

        tax.up();

        assertThat(tax.port()).isEqualTo(port);
        assertThat(client.post(url, "/filings", "D-1", SampleRecords.filing()).status())
                .isEqualTo(200);
    }

    @Test
    void answers503AndRemembersNothingWhenTheHubCannotBeAsked() throws Exception {
        tax.hubUrl(URI.create("http://127.0.0.1:1"));

        assertThat(postContract("D-1", contractMessage("100.00", "50.00")).status())
                .isEqualTo(503);
        assertThat(tax.deliveries()).isEmpty();

        tax.hubUrl(verifyApi.url());

        assertThat(postContract("D-1", contractMessage("100.00", "50.00")).status())
                .isEqualTo(200);
        assertThat(tax.deliveries()).containsExactly("D-1");
    }

    @Test
    void requiresTheDeliveryId() throws Exception {
        SimulatorClient.Answer answer = client.post(tax.url(), "/contracts", null, contractMessage("1.00", "1.00"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).contains("X-Hub-Delivery-Id");
    }
}
