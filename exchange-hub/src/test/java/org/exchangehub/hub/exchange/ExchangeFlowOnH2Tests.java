package org.exchangehub.hub.exchange;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ExchangeFlowOnH2Tests extends ExchangeFlowTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }
}
