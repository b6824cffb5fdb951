package org.exchangehub.adapters.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.exchangehub.adapters.outbound.SchemaCheck;
import org.junit.jupiter.api.Test;

class TaxVoucherMappingTests {

    private final TaxVoucherMapping mapping = new TaxVoucherMapping();

    private static ObjectNode voucher() {
        return SampleRecords.parse("""
                {"WSPZH": "WS-HT-2026-000123", "HTBH": "HT-2026-000123",
                 "NSR": {"XM": "张伟", "ZJHM": "990101199001011234"},
                 "JSYJ": 3456789.12, "SL": 0.015, "SE": 51851.84, "JKRQ": "2026-04-20"}
                """);
    }

    @Test
    void mapsAVoucherToATaxClearanceValidPerTheHubsSchema() {
        CanonicalRecord record = mapping.toRecord(voucher());

        assertThat(record.type()).isEqualTo("TAX_CLEARANCE");
        assertThat(record.id()).isEqualTo("WS-HT-2026-000123");
        assertThat(record.version()).as("left to the hub").isNull();
        assertThat(SchemaCheck.of("TAX_CLEARANCE").problems(record.payload())).isEmpty();
        assertThat(record.payload()).isEqualTo(SampleRecords.taxClearance());
    }

    @Test
    void keepsAmountsAndRatesDecimal() {
        ObjectNode voucher = voucher();
        voucher.put("SE", new BigDecimal("0.07"));

        CanonicalRecord record = mapping.toRecord(voucher);

        assertThat(record.payload().path("taxAmount").decimalValue()).isEqualTo(new BigDecimal("0.07"));
        assertThat(record.payload().path("taxRate").decimalValue()).isEqualTo(new BigDecimal("0.015"));
    }

    @Test
    void refusesAVoucherWithoutTaxpayerNamingTheField() {
        ObjectNode voucher = voucher();
        voucher.remove("NSR");

        assertThatThrownBy(() -> mapping.toRecord(voucher))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XM");
    }

    @Test
    void refusesAPaidDateThatIsNotIso() {
        ObjectNode voucher = voucher();
        voucher.put("JKRQ", "2026/04/20");

        assertThatThrownBy(() -> mapping.toRecord(voucher))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JKRQ");
    }
}
