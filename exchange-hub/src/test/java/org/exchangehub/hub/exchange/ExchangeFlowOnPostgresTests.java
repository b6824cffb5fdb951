package org.exchangehub.hub.exchange;

import java.nio.file.Path;
import org.exchangehub.hub.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ExchangeFlowOnPostgresTests extends ExchangeFlowTests {

    static final Path dataDir = TestDatabases.dataDirectory(ExchangeFlowOnPostgresTests.class);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String database = TestDatabases.newPostgresDatabase();
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> TestDatabases.postgresUrl(database));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
