package org.exchangehub.hub.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.exchangehub.adapters.simulator.RegistrySimulator;
import org.exchangehub.adapters.simulator.TaxSimulator;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.delivery.DeliveryStore;
import org.exchangehub.hub.exchange.HubClient;
import org.exchangehub.hub.security.AgencyTlsConnector;
import org.exchangehub.hub.security.DevelopmentClients;
import org.exchangehub.hub.security.SecurityConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The three flows end to end, over the real routes and HTTP: the housing bureau writes its exchange tables, the hub
 * notarizes and delivers, the tax and registry simulators (real HTTP servers) verify through the hub's API and answer,
 * and what comes back lands in the bureau's front-end database. Every wait is a poll with a deadline.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.dev.agency-header=true",
            "hub.notary.interval=100ms",
            "hub.delivery.interval=100ms",
            "hub.delivery.initial-backoff=200ms",
            "hub.delivery.max-backoff=1s",
            "hub.delivery.max-attempts=5",
            "hub.agencies.housing.create-schema=true",
            "hub.agencies.housing.poll-delay=100ms",
            "hub.agencies.housing.min-file-age=0s",
            "hub.agencies.tax.read-timeout=5s",
            "hub.agencies.registry.read-timeout=5s"
        })
class AgencyFlowsTests {

    static final Path dataDir = TestDatabases.dataDirectory(AgencyFlowsTests.class);
    static final TaxSimulator taxBureau = new TaxSimulator(0, null, Clock.systemUTC());
    static final RegistrySimulator registryCenter = new RegistrySimulator(0, null, Clock.systemUTC());
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final AtomicInteger UNIQUE = new AtomicInteger();

    static {
        taxBureau.start();
        registryCenter.start();
    }

    @DynamicPropertySource
    static void agencies(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
        registry.add(
                "hub.agencies.housing.front-end-url",
                () -> "jdbc:h2:file:" + dataDir.resolve("housing-frontend") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        registry.add(
                "hub.agencies.housing.drop-folder",
                () -> dataDir.resolve("housing-drop").toString());
        registry.add("hub.agencies.tax.url", () -> taxBureau.url().toString());
        registry.add("hub.agencies.registry.url", () -> registryCenter.url().toString());
    }

    @AfterAll
    static void stopSimulators() {
        taxBureau.stop();
        registryCenter.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    HousingFrontEnd frontEnd;

    @Autowired
    AgencyTlsConnector agencyPort;

    @Autowired
    SecurityConfiguration.AgencyTrust trust;

    @Autowired
    DeliveryStore deliveries;

    @Autowired
    JdbcClient hubDatabase;

    @Autowired
    ObjectMapper json;

    HousingBureau housing;
    HubClient hub;
    String suffix;

    @BeforeEach
    void connect() {
        // the simulated agencies verify over the agency port with their own client certificates, as real ones do
        URI hubUrl = URI.create("https://localhost:" + agencyPort.localPort());
        taxBureau.hubUrl(hubUrl, DevelopmentClients.sslContext(trust.developmentPki(), "tax"));
        registryCenter.hubUrl(hubUrl, DevelopmentClients.sslContext(trust.developmentPki(), "registry"));
        taxBureau.up();
        registryCenter.up();
        taxBureau.failNext(0);
        registryCenter.failNext(0);
        housing = new HousingBureau(frontEnd.dataSource());
        hub = new HubClient(rest);
        suffix = "AF" + UNIQUE.incrementAndGet();
    }

    /** A unit and a signed contract on it, published from the exchange tables. */
    String signedContract(String houseCode) {
        String contractNo = "HT-" + houseCode;
        housing.unit(houseCode, "LD-" + suffix, "XM-" + suffix, 12, "1203", "可售");
        housing.contract(contractNo, houseCode, "已签约");
        await().atMost(DEADLINE).until(() -> housing.allDone("EXCH_CONTRACT", "HTBH", contractNo));
        return contractNo;
    }

    JsonNode verify(String envelope, String receipt) throws Exception {
        return hub.verify(json.readTree(envelope), json.readTree(receipt), null);
    }

    JsonNode record(String type, String id) {
        ResponseEntity<JsonNode> response = hub.get("/api/v1/records/" + type + "/" + id);
        return response.getStatusCode() == HttpStatus.OK ? response.getBody() : null;
    }

    @Test
    void aSignedContractReachesTaxWhoseClearanceComesBackToHousingGenuine() throws Exception {
        String houseCode = "FW-" + suffix;
        String contractNo = signedContract(houseCode);
        String voucherNo = "WS-" + contractNo;

        List<Map<String, Object>> contractRows = housing.rows("EXCH_CONTRACT", "HTBH", contractNo);
        assertThat(contractRows.get(0).get("HZBH")).isNotNull();
        assertThat(contractRows.get(0).get("BBH")).isEqualTo(1);

        await().atMost(DEADLINE)
                .until(() -> !housing.inbox("TAX_CLEARANCE", voucherNo).isEmpty());

        JsonNode clearance = record("TAX_CLEARANCE", voucherNo);
        assertThat(clearance.path("record").path("source").asText()).isEqualTo("tax");
        assertThat(clearance.path("record").path("payload").path("contractNo").asText())
                .isEqualTo(contractNo);
        assertThat(clearance.path("record").path("payload").path("taxAmount").decimalValue())
                .isEqualByComparingTo("23500.00"); // 1% of 2,350,000: 89.5 m² is not above 90
        Map<String, Object> delivered =
                housing.inbox("TAX_CLEARANCE", voucherNo).get(0);
        assertThat(verify((String) delivered.get("SJNR"), (String) delivered.get("HZ"))
                        .path("verdict")
                        .asText())
                .isEqualTo("GENUINE");
        assertThat(taxBureau.vouchers())
                .filteredOn(v -> v.path("HTBH").asText().equals(contractNo))
                .hasSize(1);
    }

    @Test
    void aFilingIsRegisteredAfterVerificationAndReleasesTheFundsExactlyOnce() throws Exception {
        String houseCode = "FW-" + suffix;
        String contractNo = signedContract(houseCode);
        String voucherNo = "WS-" + contractNo;
        await().atMost(DEADLINE).until(() -> record("TAX_CLEARANCE", voucherNo) != null);

        housing.filing("BA-" + suffix, contractNo, houseCode);

        String certificateNo = "BDC-" + contractNo;
        await().atMost(DEADLINE).until(() -> housing.fundsReleases(contractNo) == 1);
        await().atMost(DEADLINE)
                .until(() -> !housing.inbox("REGISTRATION", certificateNo).isEmpty());
        JsonNode registration = record("REGISTRATION", certificateNo);
        assertThat(registration.path("record").path("source").asText()).isEqualTo("registry");
        assertThat(registration.path("record").path("payload").path("result").asText())
                .isEqualTo("REGISTERED");
        Map<String, Object> delivered =
                housing.inbox("REGISTRATION", certificateNo).get(0);
        assertThat(verify((String) delivered.get("SJNR"), (String) delivered.get("HZ"))
                        .path("verdict")
                        .asText())
                .isEqualTo("GENUINE");

        // the hub crashed after housing took the delivery but before its cursor moved past it: the same delivery goes
        // again. The crash is played by moving housing's cursor back before the record and bumping its fence (a round
        // under way, like the crashed one, can then no longer move it).
        String deliveryId = (String) delivered.get("DELIVERY_ID");
        long seq = Long.parseLong(deliveryId.substring(deliveryId.lastIndexOf('-') + 1));
        long position = hubDatabase
                .sql("SELECT position FROM notary_log WHERE seq = ?")
                .param(seq)
                .query(Long.class)
                .single();
        hubDatabase
                .sql("UPDATE delivery_cursor SET position = ?, fence = fence + 1, holder = NULL, lease_until = NULL"
                        + " WHERE receiver = 'housing'")
                .param(position - 1)
                .update();
        await().atMost(DEADLINE)
                .until(() ->
                        deliveries.delivery(deliveryId).orElseThrow().state().equals("DELIVERED"));
        assertThat(housing.inbox("REGISTRATION", certificateNo)).hasSize(1);
        assertThat(housing.fundsReleases(contractNo)).isEqualTo(1);
        assertThat(registryCenter.registrations())
                .filteredOn(r -> r.path("HTBH").asText().equals(contractNo))
                .hasSize(1);
    }

    @Test
    void listingsReachThePortalAndACancelledContractPutsTheUnitBackOnSale() {
        String projectId = "XM-" + suffix;
        String buildingId = "LD-" + suffix;
        housing.project(projectId, "翠湖湾花园" + suffix, "建邺区");
        housing.building(buildingId, projectId, 18, 2);
        housing.unit("FW-" + suffix + "-1", buildingId, projectId, 3, "301", "可售");
        housing.unit("FW-" + suffix + "-2", buildingId, projectId, 3, "302", "可售");

        await().atMost(DEADLINE).until(() -> unitsShown(buildingId) == 2);
        JsonNode found =
                hub.get("/api/v1/portal/projects?district=建邺&name=" + suffix).getBody();
        assertThat(found.path("items").findValuesAsText("id")).containsExactly(projectId);
        assertThat(hub.get("/api/v1/portal/projects/" + projectId)
                        .getBody()
                        .path("buildings")
                        .findValuesAsText("id"))
                .containsExactly(buildingId);

        String contractNo = "HT-" + suffix;
        housing.contract(contractNo, "FW-" + suffix + "-1", "已签约");
        await().atMost(DEADLINE).until(() -> "SIGNED".equals(shownStatus(buildingId, "FW-" + suffix + "-1")));
        JsonNode contract = hub.get("/api/v1/portal/contracts/" + contractNo).getBody();
        assertThat(contract.path("view").path("status").asText()).isEqualTo("SIGNED");
        assertThat(contract.toString()).doesNotContain("张测试", "990101199001011234", "13900000001", "buyers");

        housing.contract(contractNo, "FW-" + suffix + "-1", "已撤销");
        await().atMost(DEADLINE).until(() -> "AVAILABLE".equals(shownStatus(buildingId, "FW-" + suffix + "-1")));
        assertThat(hub.get("/api/v1/portal/contracts/" + contractNo)
                        .getBody()
                        .path("view")
                        .path("status")
                        .asText())
                .isEqualTo("CANCELLED");
        assertThat(shownStatus(buildingId, "FW-" + suffix + "-2")).isEqualTo("AVAILABLE");

        String projectReceipt = hub.get("/api/v1/portal/projects/" + projectId)
                .getBody()
                .path("project")
                .path("receiptId")
                .asText();
        assertThat(hub.get("/api/v1/portal/verify/" + projectReceipt)
                        .getBody()
                        .path("verdict")
                        .asText())
                .isEqualTo("GENUINE");
    }

    @Test
    void aTaxBureauDownForAWhileGetsEveryContractOnceWhenItIsBack() {
        taxBureau.down();
        List<String> contracts = List.of(
                signedContract("FW-" + suffix + "-1"),
                signedContract("FW-" + suffix + "-2"),
                signedContract("FW-" + suffix + "-3"));
        await().atMost(DEADLINE).until(() -> contracts.stream().allMatch(this::retriedToTax));

        taxBureau.up();

        await().atMost(DEADLINE)
                .until(() -> contracts.stream().allMatch(c -> record("TAX_CLEARANCE", "WS-" + c) != null));
        for (String contractNo : contracts) {
            assertThat(taxBureau.vouchers())
                    .filteredOn(v -> v.path("HTBH").asText().equals(contractNo))
                    .hasSize(1);
            assertThat(record("TAX_CLEARANCE", "WS-" + contractNo)
                            .path("record")
                            .path("version")
                            .asInt())
                    .isEqualTo(1);
        }
        List<String> distinct = taxBureau.deliveries().stream().distinct().toList();
        assertThat(taxBureau.deliveries()).hasSameSizeAs(distinct);
    }

    @Test
    void aDeadLetterIsReplayedThroughTheSameRoute() {
        registryCenter.failNext(1_000);
        String contractNo = signedContract("FW-" + suffix);
        String deliveryId = "d-registry-" + seqOf("CONTRACT", contractNo);
        await().atMost(DEADLINE)
                .until(() -> deliveries
                        .delivery(deliveryId)
                        .map(d -> d.state().equals("DEAD"))
                        .orElse(false));
        JsonNode letter = hub.get("/api/v1/dead-letters/" + deliveryId).getBody();
        assertThat(letter.path("error").asText()).contains("503");
        assertThat(letter.path("attempts").asInt()).isEqualTo(5);

        registryCenter.failNext(0);
        assertThat(hub.post("/api/v1/dead-letters/" + deliveryId + "/replay", null, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);

        await().atMost(DEADLINE)
                .until(() ->
                        deliveries.delivery(deliveryId).orElseThrow().state().equals("DELIVERED"));
        assertThat(registryCenter.deliveries()).contains(deliveryId);
    }

    private boolean retriedToTax(String contractNo) {
        return deliveries
                .delivery("d-tax-" + seqOf("CONTRACT", contractNo))
                .map(d -> d.attempts() > 0 && d.state().equals("PENDING"))
                .orElse(false);
    }

    private long seqOf(String type, String id) {
        return hubDatabase
                .sql("SELECT MAX(seq) FROM record_version WHERE record_type = ? AND record_id = ?")
                .params(type, id)
                .query(Long.class)
                .single();
    }

    private int unitsShown(String buildingId) {
        ResponseEntity<JsonNode> building = hub.get("/api/v1/portal/buildings/" + buildingId);
        if (building.getStatusCode() != HttpStatus.OK) {
            return 0;
        }
        return building.getBody().path("floors").findValues("unit").size();
    }

    private String shownStatus(String buildingId, String houseCode) {
        JsonNode building = hub.get("/api/v1/portal/buildings/" + buildingId).getBody();
        for (JsonNode floor : building.path("floors")) {
            for (JsonNode unit : floor) {
                if (unit.path("unit").path("id").asText().equals(houseCode)) {
                    return unit.path("saleStatus").asText();
                }
            }
        }
        return null;
    }
}
