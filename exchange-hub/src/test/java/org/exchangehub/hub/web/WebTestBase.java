package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.delivery.DeliveryDispatcher;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.StoredRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One hub for every web test class (the same configuration, so Spring starts it once): H2 and the embedded ledger in a
 * data folder under target/, the development agency header, notarization and deliveries driven by the tests (so a
 * record is PENDING until a test anchors it), a stand-in tax bureau route that fails on request (for dead letters),
 * and the operator password the login tests type.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.dev.agency-header=true",
            "hub.notary.enabled=false",
            "hub.delivery.enabled=false",
            "hub.delivery.max-attempts=2",
            "hub.delivery.initial-backoff=0s",
            "hub.delivery.max-backoff=0s",
            "hub.audit.enabled=false",
            "hub.security.operator.username=operator",
            "hub.security.operator.password=" + WebTestBase.OPERATOR_PASSWORD,
            "hub.security.agency-tls.port=0"
        })
@Import(WebTestBase.Receivers.class)
abstract class WebTestBase {

    static final String OPERATOR_PASSWORD = "test-operator-secret";
    static final Path DATA = TestDatabases.dataDirectory(WebTestBase.class);
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", DATA::toString);
    }

    /** Stands in for the tax bureau's outbound route: takes every delivery except those of records told to fail. */
    static final class TaxReceiver extends RouteBuilder {
        final Set<String> failing = ConcurrentHashMap.newKeySet();
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public void configure() {
            errorHandler(noErrorHandler());
            from("direct:deliver-tax").routeId("web-test-deliver-tax").process(exchange -> {
                Delivery delivery = exchange.getMessage().getMandatoryBody(Delivery.class);
                if (failing.contains(delivery.id())) {
                    throw new IllegalStateException("tax bureau answered 503 Service Unavailable for " + delivery.id());
                }
                received.add(delivery.deliveryId());
            });
        }
    }

    @TestConfiguration
    static class Receivers {
        @Bean
        TaxReceiver webTestTaxReceiver() {
            return new TaxReceiver();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    NotaryBatcher batcher;

    @Autowired
    DeliveryDispatcher dispatcher;

    @Autowired
    RecordStore records;

    @Autowired
    Receipts receipts;

    @Autowired
    ObjectMapper json;

    @Autowired
    TaxReceiver tax;

    String base() {
        return "http://localhost:" + port;
    }

    /** A suffix no other test uses, for ids. */
    static String unique(String prefix) {
        return prefix + UNIQUE.incrementAndGet() + "-"
                + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
    }

    /** Publishes as the housing bureau through the API (development header); asserts it was accepted. */
    JsonNode publish(String type, String id, ObjectNode payload) {
        return publishAs("housing", type, id, payload);
    }

    JsonNode publishAs(String agency, String type, String id, ObjectNode payload) {
        ObjectNode body = json.createObjectNode().put("type", type).put("id", id);
        body.set("payload", payload);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Hub-Agency", agency);
        ResponseEntity<JsonNode> answer =
                rest.exchange("/api/v1/records", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isIn(HttpStatus.ACCEPTED, HttpStatus.OK);
        return answer.getBody();
    }

    /** Seals and anchors everything pending. */
    void anchor() {
        batcher.drain();
    }

    /** Anchors, then hands the portal its deliveries: the public listing follows. */
    void anchorAndList() {
        anchor();
        dispatcher.dispatch("portal");
    }

    StoredRecord stored(String type, String id, int version) {
        return records.version(RecordType.valueOf(type), id, version).orElseThrow();
    }

    /** The record as receivers get it: {@code {type, id, version, source, payload}}. */
    ObjectNode recordJson(String type, String id, int version) {
        return stored(type, id, version).envelope();
    }

    JsonNode receiptJson(String type, String id, int version) {
        return json.valueToTree(receipts.of(stored(type, id, version)));
    }

    String pretty(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // Payloads with made-up, clearly fake values.

    ObjectNode project(String projectId, String name, String district, String developer) {
        return json.createObjectNode()
                .put("projectId", projectId)
                .put("name", name)
                .put("developer", developer)
                .put("district", district)
                .put("address", district + "测试路1号")
                .put("presalePermit", "测预售第2026000" + Math.abs(projectId.hashCode() % 1000) + "号")
                .put("totalBuildings", 1)
                .put("approvedAt", "2026-03-18");
    }

    ObjectNode building(String buildingId, String projectId, int floors, int unitCount) {
        return json.createObjectNode()
                .put("buildingId", buildingId)
                .put("projectId", projectId)
                .put("name", "1号楼")
                .put("floors", floors)
                .put("unitCount", unitCount);
    }

    ObjectNode unit(
            String houseCode,
            String buildingId,
            String projectId,
            int floor,
            String room,
            String saleStatus,
            double listedPrice) {
        return json.createObjectNode()
                .put("houseCode", houseCode)
                .put("buildingId", buildingId)
                .put("projectId", projectId)
                .put("floor", floor)
                .put("room", room)
                .put("buildingArea", 89.5)
                .put("innerArea", 70.25)
                .put("use", "RESIDENTIAL")
                .put("saleStatus", saleStatus)
                .put("listedPrice", listedPrice);
    }

    ObjectNode contract(String contractNo, String houseCode, String status) {
        ObjectNode contract =
                json.createObjectNode().put("contractNo", contractNo).put("houseCode", houseCode);
        ObjectNode buyer = contract.putArray("buyers").addObject();
        buyer.put("name", "张测试");
        buyer.put("idNumber", "99010519900307001X");
        buyer.put("phone", "13800000000");
        contract.putObject("seller").put("name", "示例置业有限公司").put("creditCode", "91110000MA00000000");
        contract.put("price", 2_350_000.00).put("area", 89.5).put("signedDate", "2026-11-02");
        contract.put("status", status);
        if ("CANCELLED".equals(status)) {
            contract.put("cancelledDate", "2026-11-20");
        }
        return contract;
    }

    ObjectNode filing(String filingNo, String contractNo, String houseCode) {
        return json.createObjectNode()
                .put("filingNo", filingNo)
                .put("contractNo", contractNo)
                .put("houseCode", houseCode)
                .put("filedDate", "2026-11-05")
                .put("status", "FILED");
    }
}
