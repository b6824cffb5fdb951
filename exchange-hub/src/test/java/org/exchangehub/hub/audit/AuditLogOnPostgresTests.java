package org.exchangehub.hub.audit;

import java.nio.file.Path;
import org.exchangehub.hub.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class AuditLogOnPostgresTests extends AuditLogTests {

    static final Path dataDir = TestDatabases.dataDirectory(AuditLogOnPostgresTests.class);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String database = TestDatabases.newPostgresDatabase();
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> TestDatabases.postgresUrl(database));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
