package org.exchangehub.adapters.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.outbound.AgencyMessage;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.junit.jupiter.api.Test;

class TaxMessageMappingTests {

    private final TaxMessageMapping mapping = new TaxMessageMapping();

    @Test
    void mapsAContractToTheTaxBureausFieldsWithRecordAndReceipt() {
        Delivery delivery = SampleRecords.delivery("D-1", "tax", "CONTRACT", "contractNo", 2, SampleRecords.contract());

        AgencyMessage message = mapping.message(delivery);

        assertThat(message.path()).isEqualTo("/contracts");
        JsonNode body = message.body();
        assertThat(body.path("HTBH").asText()).isEqualTo("HT-2026-000123");
        assertThat(body.path("FWBM").asText()).isEqualTo("320105001017-B03-1203");
        assertThat(body.path("JYJG").decimalValue()).isEqualByComparingTo(new BigDecimal("3456789.12"));
        assertThat(body.path("MJ").decimalValue()).isEqualByComparingTo(new BigDecimal("98.76"));
        assertThat(body.path("QYRQ").asText()).isEqualTo("2026-04-02");
        assertThat(body.path("HTZT").asText()).isEqualTo("已签约");
        assertThat(body.path("MSF")).hasSize(2);
        assertThat(body.path("MSF").path(1).path("XM").asText()).isEqualTo("李娜");
        assertThat(body.path("MSF").path(1).path("ZJHM").asText()).isEqualTo("99010119920315002X");
        assertThat(body.path("CSF").path("TYSHXYDM").asText()).isEqualTo("91320105MA1WKD0N3Q");
        assertThat(body.path("BBH").asInt()).isEqualTo(2);
        assertThat(body.path("record")).isEqualTo(delivery.record());
        assertThat(body.path("receipt")).isEqualTo(delivery.receipt());
    }

    @Test
    void leavesTheBuyersPhonesOut() {
        Delivery delivery = SampleRecords.delivery("D-1", "tax", "CONTRACT", "contractNo", 1, SampleRecords.contract());

        JsonNode body = mapping.message(delivery).body();

        assertThat(body.path("MSF").path(0).has("LXDH")).isFalse();
        assertThat(body.path("MSF").path(0).size()).isEqualTo(2);
    }

    @Test
    void mapsACancelledContractWithItsCancelledDate() {
        Delivery delivery =
                SampleRecords.delivery("D-1", "tax", "CONTRACT", "contractNo", 3, SampleRecords.cancelledContract());

        JsonNode body = mapping.message(delivery).body();

        assertThat(body.path("HTZT").asText()).isEqualTo("已撤销");
        assertThat(body.path("CXRQ").asText()).isEqualTo("2026-04-05");
    }

    @Test
    void mapsAFilingToTheFilingsInterface() {
        Delivery delivery = SampleRecords.delivery("D-2", "tax", "FILING", "filingNo", 1, SampleRecords.filing());

        AgencyMessage message = mapping.message(delivery);

        assertThat(message.path()).isEqualTo("/filings");
        assertThat(message.body().path("BABH").asText()).isEqualTo("BA-2026-000456");
        assertThat(message.body().path("HTBH").asText()).isEqualTo("HT-2026-000123");
        assertThat(message.body().path("BARQ").asText()).isEqualTo("2026-04-09");
        assertThat(message.body().path("BAZT").asText()).isEqualTo("已备案");
        assertThat(message.body().path("record")).isEqualTo(delivery.record());
    }

    @Test
    void refusesATypeTheTaxBureauDoesNotTake() {
        Delivery delivery = SampleRecords.delivery("D-3", "tax", "UNIT", "houseCode", 1, SampleRecords.unit());

        assertThatThrownBy(() -> mapping.message(delivery))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not UNIT");
    }
}
