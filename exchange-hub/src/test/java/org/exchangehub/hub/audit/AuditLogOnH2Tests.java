package org.exchangehub.hub.audit;

import java.nio.file.Path;
import org.exchangehub.hub.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class AuditLogOnH2Tests extends AuditLogTests {

    static final Path dataDir = TestDatabases.dataDirectory(AuditLogOnH2Tests.class);

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }
}
