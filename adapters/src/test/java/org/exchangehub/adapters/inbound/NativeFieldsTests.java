package org.exchangehub.adapters.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeFieldsTests {

    @Test
    void readsDatesTypedOrAsBasicOrExtendedText() {
        NativeFields fields = new NativeFields(Map.of(
                "A",
                java.sql.Date.valueOf("2026-04-02"),
                "B",
                "20260402",
                "C",
                "2026-04-02",
                "D",
                LocalDate.of(2026, 4, 2)));

        assertThat(List.of(fields.date("A"), fields.date("B"), fields.date("C"), fields.date("D")))
                .containsOnly(LocalDate.of(2026, 4, 2));
    }

    @Test
    void refusesADateInAnotherFormat() {
        NativeFields fields = new NativeFields(Map.of("QYRQ", "2026/04/02"));

        assertThatThrownBy(() -> fields.date("QYRQ"))
                .isInstanceOf(MappingException.class)
                .hasMessage("QYRQ '2026/04/02' is not a date (yyyyMMdd or yyyy-MM-dd)");
    }

    @Test
    void keepsTheScaleOfADecimal() {
        NativeFields fields = new NativeFields(Map.of("A", "98.70", "B", new BigDecimal("1.50")));

        assertThat(fields.decimal("A").scale()).isEqualTo(2);
        assertThat(fields.decimal("B").toPlainString()).isEqualTo("1.50");
    }

    @Test
    void treatsBlankTextAsAbsent() {
        NativeFields fields = new NativeFields(Map.of("A", "  ", "B", ""));

        assertThat(fields.optionalText("A")).isEmpty();
        assertThat(fields.optionalDecimal("B")).isEmpty();
        assertThat(fields.optionalDate("C")).isEmpty();
        assertThatThrownBy(() -> fields.integer("A"))
                .isInstanceOf(MappingException.class)
                .hasMessage("A is missing");
    }

    @Test
    void readsANestedListFromJsonTextOrFromStructuredRecords() {
        NativeFields json = new NativeFields(Map.of("L", "[{\"XM\":\"甲\"},{\"XM\":\"乙\"}]"));
        NativeFields xml = new NativeFields(Map.of("L", List.of(Map.of("XM", "甲"), Map.of("XM", "乙"))));

        assertThat(json.list("L")).extracting(item -> item.text("XM")).containsExactly("甲", "乙");
        assertThat(xml.list("L")).extracting(item -> item.text("XM")).containsExactly("甲", "乙");
    }

    @Test
    void refusesAJsonListOfSomethingElseThanObjects() {
        NativeFields fields = new NativeFields(Map.of("L", "[1, 2]"));

        assertThatThrownBy(() -> fields.list("L"))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("L is not a JSON array of objects");
    }
}
