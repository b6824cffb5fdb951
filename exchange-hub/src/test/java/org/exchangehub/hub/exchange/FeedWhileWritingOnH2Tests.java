package org.exchangehub.hub.exchange;

import java.nio.file.Path;
import org.exchangehub.hub.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class FeedWhileWritingOnH2Tests extends FeedWhileWritingTests {

    static final Path dataDir = TestDatabases.dataDirectory(FeedWhileWritingOnH2Tests.class);

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }
}
