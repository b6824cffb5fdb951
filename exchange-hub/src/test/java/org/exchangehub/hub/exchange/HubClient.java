package org.exchangehub.hub.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The hub's REST API as a test calls it, over real HTTP. Agencies name themselves in the development header (tests
 * run with {@code hub.dev.agency-header=true}); GETs on the agency API are made as {@link #READER} unless another
 * agency is named; the operator API is called with the test operator's login (src/test/resources/config).
 */
public final class HubClient {

    /** The agency GETs on the agency API are made as: housing may read every type. */
    public static final String READER = "housing";

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "test-operator-secret";

    private final TestRestTemplate http;
    private final ObjectMapper json = new ObjectMapper();

    public HubClient(TestRestTemplate http) {
        this.http = http;
    }

    public ResponseEntity<JsonNode> publish(String agency, String type, String id, Integer version, JsonNode payload) {
        ObjectNode body = json.createObjectNode();
        body.put("type", type);
        body.put("id", id);
        if (version != null) {
            body.put("version", version);
        }
        body.set("payload", payload);
        return post("/api/v1/records", agency, body);
    }

    public ResponseEntity<JsonNode> post(String path, String agency, JsonNode body) {
        HttpHeaders headers = headers(path, agency);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** A GET: as {@link #READER} on the agency API, as the operator on the operator API, anonymous elsewhere. */
    public ResponseEntity<JsonNode> get(String path) {
        return get(path, agencyApi(path) ? READER : null);
    }

    /** A GET as the given agency (null: anonymous on the agency API). */
    public ResponseEntity<JsonNode> get(String path, String agency) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(path, agency)), JsonNode.class);
    }

    private static HttpHeaders headers(String path, String agency) {
        HttpHeaders headers = new HttpHeaders();
        if (agency != null) {
            headers.set("X-Hub-Agency", agency);
        }
        if (operatorApi(path)) {
            headers.setBasicAuth(OPERATOR, OPERATOR_PASSWORD);
        }
        return headers;
    }

    private static boolean agencyApi(String path) {
        return path.startsWith("/api/v1/records")
                || path.startsWith("/api/v1/feed")
                || path.startsWith("/api/v1/receipts");
    }

    private static boolean operatorApi(String path) {
        return path.startsWith("/api/v1/deliveries")
                || path.startsWith("/api/v1/dead-letters")
                || path.startsWith("/api/v1/audit")
                || path.startsWith("/api/v1/policy");
    }

    /** POST /api/v1/verify with whichever of record, receipt and digest are not null. */
    public JsonNode verify(JsonNode record, JsonNode receipt, String digest) {
        ObjectNode body = json.createObjectNode();
        if (record != null) {
            body.set("record", record);
        }
        if (receipt != null) {
            body.set("receipt", receipt);
        }
        if (digest != null) {
            body.put("digest", digest);
        }
        return post("/api/v1/verify", "registry", body).getBody();
    }
}
