package org.exchangehub.adapters.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PushSettingsTests {

    @Test
    void defaultsUseTheHubsEndpointsForTheReceiver() {
        PushSettings settings = PushSettings.of("tax", URI.create("http://tax.local:8080"));

        assertThat(settings.deliverUri()).isEqualTo("direct:deliver-tax");
        assertThat(settings.publishUri()).isEqualTo("direct:publish");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void resolvesPathsUnderTheBaseUrlWithOrWithoutSlashes() {
        assertThat(PushSettings.of("tax", URI.create("http://tax.local:8080")).resolve("/contracts"))
                .hasToString("http://tax.local:8080/contracts");
        assertThat(PushSettings.of("tax", URI.create("http://tax.local:8080/api/"))
                        .resolve("contracts"))
                .hasToString("http://tax.local:8080/api/contracts");
    }

    @Test
    void refusesAZeroTimeout() {
        PushSettings settings = PushSettings.of("tax", URI.create("http://tax.local"));

        assertThatThrownBy(() -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
    }
}
