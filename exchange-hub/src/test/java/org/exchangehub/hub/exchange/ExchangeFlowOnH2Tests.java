package org.exchangehub.hub.exchange;

import java.nio.file.Path;
import org.exchangehub.hub.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ExchangeFlowOnH2Tests extends ExchangeFlowTests {

    static final Path dataDir = TestDatabases.dataDirectory(ExchangeFlowOnH2Tests.class);

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }
}
