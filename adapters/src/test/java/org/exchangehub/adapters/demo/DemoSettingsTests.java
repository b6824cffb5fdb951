package org.exchangehub.adapters.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoSettingsTests {

    @Test
    void defaultsAreASmallCityWithAContractASecond() {
        DemoSettings settings = DemoSettings.defaults();

        assertThat(settings.districts()).isEqualTo(3);
        assertThat(settings.projects()).isEqualTo(30);
        assertThat(settings.buildings()).isEqualTo(200);
        assertThat(settings.units()).isEqualTo(20_000);
        assertThat(settings.contractsPerMinute()).isEqualTo(60);
        assertThat(settings.tickPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.filingAfterTicks()).isEqualTo(10);
        assertThat(settings.cancelShare()).isEqualTo(0.05);
    }

    @Test
    void withSeedChangesOnlyTheSeed() {
        DemoSettings settings = DemoSettings.defaults().withSeed(99);

        assertThat(settings.seed()).isEqualTo(99);
        assertThat(settings.withSeed(DemoSettings.DEFAULT_SEED)).isEqualTo(DemoSettings.defaults());
    }

    @Test
    void refusesAProjectlessDistrictABuildinglessProjectAndTooFewUnits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DemoSettings(1, 3, 2, 10, 100, 60, 1, 0))
                .withMessageContaining("projects");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DemoSettings(1, 1, 5, 4, 100, 60, 1, 0))
                .withMessageContaining("buildings");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DemoSettings(1, 1, 1, 10, 59, 60, 1, 0))
                .withMessageContaining("units");
    }

    @Test
    void refusesMoreDistrictsThanTheCityHasAndRatesOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DemoSettings(1, DemoCity.MAX_DISTRICTS + 1, 30, 200, 20_000, 60, 1, 0))
                .withMessageContaining("districts");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DemoSettings(1, 1, 1, 1, 6, 0, 1, 0))
                .withMessageContaining("contractsPerMinute");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DemoSettings(1, 1, 1, 1, 6, 60, 0, 0))
                .withMessageContaining("filingAfterTicks");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DemoSettings(1, 1, 1, 1, 6, 60, 1, 1.5))
                .withMessageContaining("cancelShare");
    }
}
