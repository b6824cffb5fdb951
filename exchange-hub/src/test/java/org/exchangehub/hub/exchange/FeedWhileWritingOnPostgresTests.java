package org.exchangehub.hub.exchange;

import java.nio.file.Path;
import java.util.List;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class FeedWhileWritingOnPostgresTests extends FeedWhileWritingTests {

    static final Path dataDir = TestDatabases.dataDirectory(FeedWhileWritingOnPostgresTests.class);
    static String database;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        database = TestDatabases.newPostgresDatabase();
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> TestDatabases.postgresUrl(database));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    /**
     * A second hub instance on the test's database, with its own web server and its notary on: the two seal
     * concurrently (one at a time, by the log head's row lock).
     */
    static ConfigurableApplicationContext secondInstance() {
        List<String> properties = List.of(
                "server.port=0",
                "hub.data-dir=" + dataDir,
                "spring.main.banner-mode=off",
                "spring.datasource.url=" + TestDatabases.postgresUrl(database),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "hub.dev.agency-header=true",
                "hub.notary.enabled=true",
                "hub.notary.interval=50ms",
                "hub.delivery.enabled=false");
        return new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    @Autowired
    RestTemplateBuilder restTemplates;

    @Test
    void aReaderSeesEveryRecordOnceInLogOrderWhileTwoHubInstancesTakeTheWritesAndSeal() throws Exception {
        try (ConfigurableApplicationContext b = secondInstance()) {
            int port = ((ServletWebServerApplicationContext) b).getWebServer().getPort();
            // JSON asked for by name: this instance answers a client that also accepts XML in XML
            HubClient second = new HubClient(new TestRestTemplate(restTemplates
                    .rootUri("http://localhost:" + port)
                    .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)));
            // writers alternate between the instances; the reader reads from the second
            new Run(runPrefix(), List.of(hub, second)).writeWhileReading(second);
        }
    }
}
