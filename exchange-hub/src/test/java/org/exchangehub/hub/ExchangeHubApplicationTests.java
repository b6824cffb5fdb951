package org.exchangehub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.exchangehub.hub.exchange.HubClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExchangeHubApplicationTests {

    static final Path dataDir = TestDatabases.dataDirectory(ExchangeHubApplicationTests.class);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void healthEndpointAnswersUpWithTheEmbeddedLedger() {
        ResponseEntity<String> response = http.getForEntity("/actuator/health", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).startsWith("{\"status\":\"UP\"").contains("\"ledger\":{\"status\":\"UP\"}");
    }

    @Test
    void healthShowsAnOperatorTheLedgersLastProbeAndPendingBatches() {
        ResponseEntity<JsonNode> response = http.withBasicAuth(HubClient.OPERATOR, HubClient.OPERATOR_PASSWORD)
                .getForEntity("/actuator/health/ledger", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode details = response.getBody().path("details");
        assertThat(response.getBody().path("status").asText()).isEqualTo("UP");
        assertThat(details.path("lastProbe").asText()).isNotEmpty();
        assertThat(details.path("pendingBatches").isNumber()).isTrue();
        assertThat(details.path("mode").asText()).isEqualTo("embedded");
    }

    @Test
    void publishesItsOpenApiDescription() {
        ResponseEntity<String> response = http.getForEntity("/v3/api-docs", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody())
                .contains("/api/v1/records")
                .contains("/api/v1/records/batch")
                .contains("/api/v1/records/{type}/{id}/versions/{version}")
                .contains("/api/v1/feed/{type}")
                .contains("/api/v1/receipts/{receiptId}")
                .contains("/api/v1/verify")
                .contains("/api/v1/deliveries")
                .contains("/api/v1/dead-letters/{deliveryId}/replay")
                .contains("/api/v1/portal/projects")
                .contains("/api/v1/portal/buildings/{buildingId}")
                .contains("/api/v1/portal/contracts/{contractNo}")
                .contains("/api/v1/portal/filings/{filingNo}")
                .contains("/api/v1/portal/verify/{receiptId}");
        ResponseEntity<String> ui = http.getForEntity("/swagger-ui/index.html", String.class);
        assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ui.getBody()).contains("Swagger UI");
    }

    @Test
    void describesTheJsonReadersRefusalsOnEveryOperationWithABodyAndOnNoOther() throws Exception {
        JsonNode paths = new ObjectMapper()
                .readTree(http.getForEntity("/v3/api-docs", String.class).getBody())
                .path("paths");

        for (String path :
                List.of("/api/v1/records", "/api/v1/records/batch", "/api/v1/verify", "/api/v1/portal/verify")) {
            JsonNode responses = paths.path(path).path("post").path("responses");
            assertThat(responses.path("422").path("description").asText())
                    .as(path)
                    .contains("JSON_DUPLICATE_MEMBER", "JSON_NOT_CANONICALIZABLE");
            assertThat(responses.path("400").path("description").asText())
                    .as(path)
                    .contains("JSON_UNKNOWN_MEMBER");
            assertThat(responses.path("413").path("content").has("application/problem+json"))
                    .as(path)
                    .isTrue();
            assertThat(responses.has("415")).as(path).isTrue();
        }
        assertThat(paths.path("/api/v1/feed/{type}")
                        .path("get")
                        .path("responses")
                        .has("422"))
                .isFalse();
    }
}
