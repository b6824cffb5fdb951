package org.exchangehub.adapters.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DerivedNumberTests {

    @Test
    void prefixesTheContractNoWhenItFitsAnId() {
        assertThat(DerivedNumber.of("WS", "HT-2026-000123")).isEqualTo("WS-HT-2026-000123");
    }

    @Test
    void usesADigestWhenThePrefixedContractNoWouldBeTooLong() {
        String contractNo = "HT-" + "9".repeat(61);

        String number = DerivedNumber.of("BDC", contractNo);

        assertThat(number).matches("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$").startsWith("BDC-");
        assertThat(DerivedNumber.of("BDC", contractNo)).isEqualTo(number);
        assertThat(DerivedNumber.of("BDC", contractNo.replace('9', '8'))).isNotEqualTo(number);
    }
}
