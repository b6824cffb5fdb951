package org.exchangehub.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.exchangehub.adapters.outbound.SchemaCheck;
import org.junit.jupiter.api.Test;

class RegistrationMappingTests {

    private final RegistrationMapping mapping = new RegistrationMapping();

    private static ObjectNode result(String outcome) {
        ObjectNode result = SampleRecords.parse("""
                {"BDCQZH": "BDC-HT-2026-000123", "FWBM": "320105001017-B03-1203", "HTBH": "HT-2026-000123",
                 "QLR": [{"XM": "张伟", "ZJHM": "990101199001011234"}, {"XM": "李娜", "ZJHM": "99010119920315002X"}],
                 "DJRQ": "2026-05-08"}
                """);
        return result.put("DJJG", outcome);
    }

    @Test
    void mapsARegisteredResultToARegistrationValidPerTheHubsSchema() {
        CanonicalRecord record = mapping.toRecord(result("登记"));

        assertThat(record.type()).isEqualTo("REGISTRATION");
        assertThat(record.id()).isEqualTo("BDC-HT-2026-000123");
        assertThat(record.version()).isNull();
        assertThat(record.payload()).isEqualTo(SampleRecords.registration());
        assertThat(SchemaCheck.of("REGISTRATION").problems(record.payload())).isEmpty();
    }

    @Test
    void mapsARefusalToRejectedWithTheRegistrysReason() {
        CanonicalRecord record = mapping.toRecord(result("不予登记").put("BYDJYY", "完税凭证 TAMPERED"));

        assertThat(record.payload().path("result").asText()).isEqualTo("REJECTED");
        assertThat(record.payload().path("rejectReason").asText()).isEqualTo("完税凭证 TAMPERED");
        assertThat(SchemaCheck.of("REGISTRATION").problems(record.payload())).isEmpty();
    }

    @Test
    void givesARefusalWithoutReasonOneSoTheRecordStaysValid() {
        CanonicalRecord record = mapping.toRecord(result("不予登记"));

        assertThat(record.payload().path("rejectReason").asText()).isNotBlank();
        assertThat(SchemaCheck.of("REGISTRATION").problems(record.payload())).isEmpty();
    }

    @Test
    void cutsAReasonLongerThanTheSchemaAllows() {
        CanonicalRecord record = mapping.toRecord(result("不予登记").put("BYDJYY", "原因".repeat(400)));

        assertThat(record.payload().path("rejectReason").asText()).hasSize(500);
    }

    @Test
    void refusesAnOutcomeItDoesNotKnow() {
        assertThatThrownBy(() -> mapping.toRecord(result("暂缓登记")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DJJG")
                .hasMessageContaining("暂缓登记");
    }

    @Test
    void refusesAResultWithoutOwners() {
        ObjectNode result = result("登记");
        result.putArray("QLR");

        assertThatThrownBy(() -> mapping.toRecord(result))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QLR");
    }
}
