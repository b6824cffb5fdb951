package org.exchangehub.hub.demo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.exchangehub.adapters.demo.DemoSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo: {@code hub.demo.*}.
 *
 * @param enabled start the simulators, load the city and keep business flowing
 * @param taxPort the tax simulator's port (the tax adapter's {@code hub.agencies.tax.url} points at it)
 * @param registryPort the registry simulator's port
 * @param seed the city and its traffic follow from it: the same seed, the same run
 * @param units how many units the city has (3 districts, 30 projects, 200 buildings at the default 20,000)
 * @param contractsPerMinute how many contracts the housing bureau signs a minute
 */
@Validated
@ConfigurationProperties("hub.demo")
public record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("18081") int taxPort,
        @DefaultValue("18082") int registryPort,
        @DefaultValue("2026") long seed,
        @Min(1200) @Max(200_000) @DefaultValue("20000") int units,
        @Min(1) @Max(60_000) @DefaultValue("60") int contractsPerMinute) {

    DemoSettings settings() {
        DemoSettings defaults = DemoSettings.defaults();
        return new DemoSettings(
                seed,
                defaults.districts(),
                defaults.projects(),
                defaults.buildings(),
                units,
                contractsPerMinute,
                defaults.filingAfterTicks(),
                defaults.cancelShare());
    }
}
