package org.exchangehub.hub.delivery;

import java.nio.file.Path;
import org.exchangehub.hub.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class DeliveryOnH2Tests extends DeliveryTests {

    static final Path dataDir = TestDatabases.dataDirectory(DeliveryOnH2Tests.class);

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }
}
