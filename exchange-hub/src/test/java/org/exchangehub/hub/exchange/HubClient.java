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

/** The hub's REST API as a test calls it, over real HTTP. */
public final class HubClient {

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
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (agency != null) {
            headers.set("X-Hub-Agency", agency);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    public ResponseEntity<JsonNode> get(String path) {
        return http.getForEntity(path, JsonNode.class);
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
        return post("/api/v1/verify", null, body).getBody();
    }
}
