package org.exchangehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.CertificateProfile;
import org.exchangehub.certs.ca.Credential;
import org.exchangehub.certs.ca.DevelopmentPki;
import org.exchangehub.certs.ca.RevocationList;
import org.exchangehub.certs.ca.RevocationReason;
import org.exchangehub.certs.ca.SubjectAlternativeNames;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.audit.ActorKind;
import org.exchangehub.hub.audit.AuditEntry;
import org.exchangehub.hub.audit.AuditLog;
import org.exchangehub.hub.exchange.HubClient;
import org.exchangehub.hub.exchange.Payloads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agencies over real mutual TLS with the generated development PKI, the access policy, masking and the operator login.
 * The development header is off here, as in production: the client certificate is the only way to be an agency.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hub.notary.enabled=false", "hub.delivery.enabled=false"})
class AgencySecurityTests {

    static final Path dataDir = TestDatabases.dataDirectory(AgencySecurityTests.class);
    static final AtomicInteger UNIQUE = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }

    @Autowired
    AgencyTlsConnector agencyPort;

    @Autowired
    SecurityConfiguration.AgencyTrust trust;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    AuditLog audit;

    String suffix;

    @BeforeEach
    void unique() {
        suffix = System.nanoTime() + "-" + UNIQUE.incrementAndGet();
    }

    AgencyClient as(String agency) {
        return new AgencyClient(agencyPort.localPort(), DevelopmentClients.sslContext(trust.developmentPki(), agency));
    }

    ObjectNode record(String type, String id, JsonNode payload) {
        ObjectNode body = JSON.createObjectNode().put("type", type).put("id", id);
        body.set("payload", payload);
        return body;
    }

    /** A unit and a signed contract on it, published by housing over mutual TLS; returns the contract number. */
    String contractPublishedByHousing() throws Exception {
        String unit = "FW-S" + suffix;
        String contract = "HT-S" + suffix;
        assertThat(as("housing")
                        .post("/api/v1/records", record("UNIT", unit, Payloads.unit(unit, "AVAILABLE", 1_000_000)))
                        .status())
                .isEqualTo(202);
        AgencyClient.Answer published = as("housing")
                .post("/api/v1/records", record("CONTRACT", contract, Payloads.contract(contract, unit, "SIGNED")));
        assertThat(published.status()).isEqualTo(202);
        return contract;
    }

    @Test
    void anAgencyIsWhoItsClientCertificateSays() throws Exception {
        String contract = contractPublishedByHousing();

        JsonNode fetched =
                as("housing").get("/api/v1/records/CONTRACT/" + contract).body();
        assertThat(fetched.path("record").path("source").asText()).isEqualTo("housing");
        assertThat(fetched.path("record")
                        .path("payload")
                        .path("buyers")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("张测试");
        assertThat(fetched.path("record").has("masked")).isFalse();
    }

    @Test
    void withoutAClientCertificateTheAgencyApiAnswers401AndTheHeaderCountsForNothing() throws Exception {
        AgencyClient anonymous = new AgencyClient(agencyPort.localPort(), trustOnly());
        String unit = "FW-N" + suffix;
        AgencyClient.Answer refused =
                anonymous.post("/api/v1/records", record("UNIT", unit, Payloads.unit(unit, "AVAILABLE", 1)));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("code").asText()).isEqualTo("AGENCY_UNKNOWN");

        // the development header on the plain port is ignored when hub.dev.agency-header is off
        ResponseEntity<JsonNode> claimed =
                new HubClient(rest).publish("housing", "UNIT", unit, null, Payloads.unit(unit, "AVAILABLE", 1));
        assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("housing").get("/api/v1/records/UNIT/" + unit).status()).isEqualTo(404);
    }

    @Test
    void aCertificateFromAnotherCaFailsTheHandshake(@org.junit.jupiter.api.io.TempDir Path other) {
        DevelopmentPki.generate(new DevelopmentPki.Settings(
                        SignatureAlgorithm.ECDSA_P256,
                        List.of("housing"),
                        List.of("localhost"),
                        30,
                        "changeit".toCharArray()))
                .writeTo(other.resolve("pki"), false);
        SSLContext foreign = DevelopmentClients.sslContext(
                other.resolve("pki/housing/tls-client.p12"),
                "changeit".toCharArray(),
                trust.developmentPki().resolve("ca/ca.crt"));

        assertThatThrownBy(() -> new AgencyClient(agencyPort.localPort(), foreign).get("/api/v1/policy/me"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anExpiredCertificateFromTheRightCaFailsTheHandshake() throws Exception {
        Credential expired = pkiCa().issue(
                        agencySubject("housing"),
                        CertificateProfile.TLS_CLIENT,
                        List.of(SubjectAlternativeNames.agency("housing")),
                        Instant.now().minus(Duration.ofDays(30)),
                        Instant.now().minus(Duration.ofDays(1)));

        assertThatThrownBy(() -> new AgencyClient(agencyPort.localPort(), sslContext(expired)).get("/api/v1/policy/me"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRevokedCertificateIsRefusedFromTheNextRequestWithoutARestart() throws Exception {
        CertificateAuthority ca = pkiCa();
        Credential second = ca.issue(
                agencySubject("registry"),
                CertificateProfile.TLS_CLIENT,
                List.of(SubjectAlternativeNames.agency("registry")),
                Duration.ofDays(1));
        AgencyClient registry = new AgencyClient(agencyPort.localPort(), sslContext(second));
        assertThat(registry.get("/api/v1/policy/me").body().path("agency").asText())
                .isEqualTo("registry");

        Path crl = trust.crl();
        RevocationList.load(crl, ca.certificate())
                .withRevoked(
                        ca,
                        second.certificate().getSerialNumber(),
                        RevocationReason.KEY_COMPROMISE,
                        Instant.now(),
                        Instant.now().plus(Duration.ofDays(7)))
                .writeAtomically(crl);

        AgencyClient.Answer refused =
                new AgencyClient(agencyPort.localPort(), sslContext(second)).get("/api/v1/policy/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("code").asText()).isEqualTo("CERTIFICATE_REVOKED");
        // the agency's other certificate is not affected
        assertThat(as("registry").get("/api/v1/policy/me").status()).isEqualTo(200);
    }

    @Test
    void aCertificateNamingNoAgencyIs401() throws Exception {
        Credential nameless = pkiCa().issue(
                        new X500Name("CN=someone, O=exchange-hub dev"),
                        CertificateProfile.TLS_CLIENT,
                        List.of(),
                        Duration.ofDays(1));
        AgencyClient.Answer refused =
                new AgencyClient(agencyPort.localPort(), sslContext(nameless)).get("/api/v1/policy/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("code").asText()).isEqualTo("CERTIFICATE_NOT_MAPPED");
    }

    @Test
    void anAgencyPublishingAnotherAgencysTypeIs403AndNothingIsStored() throws Exception {
        String voucher = "SW-" + suffix;
        AgencyClient.Answer refused = as("housing")
                .post(
                        "/api/v1/records",
                        record("TAX_CLEARANCE", voucher, Payloads.taxClearance(voucher, "HT-" + suffix)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("code").asText()).isEqualTo("PUBLISH_NOT_ALLOWED");

        assertThat(as("tax").get("/api/v1/records/TAX_CLEARANCE/" + voucher).status())
                .isEqualTo(404);
        List<AuditEntry> entries = audit.recent("housing", "TAX_CLEARANCE", voucher, 10);
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.event().actorKind()).isEqualTo(ActorKind.AGENCY);
            assertThat(entry.event().status()).isEqualTo(403);
            assertThat(entry.event().code()).isEqualTo("PUBLISH_NOT_ALLOWED");
        });
    }

    @Test
    void anAgencyReadingATypeItIsNotGrantedIs403() throws Exception {
        String unit = "FW-R" + suffix;
        as("housing").post("/api/v1/records", record("UNIT", unit, Payloads.unit(unit, "AVAILABLE", 1)));

        AgencyClient.Answer refused = as("tax").get("/api/v1/records/UNIT/" + unit);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("code").asText()).isEqualTo("OPERATION_NOT_ALLOWED");
        assertThat(as("tax").get("/api/v1/feed/UNIT").status()).isEqualTo(403);
    }

    @Test
    void thePortalReadsAContractMaskedAndCannotPassTheMaskedViewOffAsTheRecord() throws Exception {
        String contract = contractPublishedByHousing();

        JsonNode fetched =
                as("portal").get("/api/v1/records/CONTRACT/" + contract).body();
        JsonNode buyer = fetched.path("record").path("payload").path("buyers").get(0);
        assertThat(buyer.path("name").asText()).isEqualTo("张**");
        assertThat(buyer.path("idNumber").asText()).isEqualTo("110***********001X");
        assertThat(fetched.toString()).doesNotContain("张测试").doesNotContain("11010519900307001X");
        assertThat(fetched.path("record").path("masked").path("fields"))
                .extracting(JsonNode::asText)
                .contains("/payload/buyers/0/name", "/payload/buyers/0/idNumber");
        // the seller, a company, is not personal data
        assertThat(fetched.path("record")
                        .path("payload")
                        .path("seller")
                        .path("name")
                        .asText())
                .isEqualTo("示例置业有限公司");

        ObjectNode question = JSON.createObjectNode();
        question.set("record", fetched.path("record"));
        question.set("receipt", fetched.path("receipt"));
        AgencyClient.Answer masked = as("portal").post("/api/v1/verify", question);
        assertThat(masked.status()).isEqualTo(422);
        assertThat(masked.body().path("code").asText()).isEqualTo("MASKED_VIEW");
        ObjectNode digestOnly = JSON.createObjectNode()
                .put("digest", fetched.path("receipt").path("digest").asText());
        assertThat(as("portal")
                        .post("/api/v1/verify", digestOnly)
                        .body()
                        .path("verdict")
                        .asText())
                .isIn("GENUINE", "PENDING");

        JsonNode feed =
                as("portal").get("/api/v1/feed/CONTRACT?after=0&limit=1000").body();
        assertThat(feed.toString()).doesNotContain("张测试").doesNotContain("11010519900307001X");
    }

    @Test
    void anonymousListingQueriesWorkAndShowNoPersonalData() throws Exception {
        String contract = contractPublishedByHousing();
        ResponseEntity<String> status = rest.getForEntity("/api/v1/portal/contracts/" + contract, String.class);
        // the portal's listing is fed by deliveries (off here): the contract is either unknown to it or status-only
        assertThat(status.getStatusCode().value()).isIn(200, 404);
        assertThat(status.getBody()).doesNotContain("张测试").doesNotContain("11010519900307001X");
        assertThat(rest.getForEntity("/api/v1/portal/projects?district=江宁", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void thePolicyIsVisibleToOperatorsAndEachAgencySeesItsOwnGrants() throws Exception {
        JsonNode mine = as("tax").get("/api/v1/policy/me").body();
        assertThat(mine.path("agency").asText()).isEqualTo("tax");
        assertThat(mine.path("publish")).extracting(JsonNode::asText).containsExactly("TAX_CLEARANCE");

        assertThat(rest.getForEntity("/api/v1/policy", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        JsonNode all = rest.withBasicAuth(HubClient.OPERATOR, HubClient.OPERATOR_PASSWORD)
                .getForEntity("/api/v1/policy", JsonNode.class)
                .getBody();
        assertThat(all.fieldNames()).toIterable().contains("housing", "tax", "registry", "portal");
        assertThat(all.path("portal").path("masked").asBoolean()).isTrue();
        assertThat(all.path("portal").path("publish")).isEmpty();
    }

    @Test
    void theOperatorApiNeedsTheOperatorsLoginNotAnAgencyCertificate() throws Exception {
        ResponseEntity<JsonNode> anonymous = rest.getForEntity("/api/v1/deliveries", JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(anonymous.getBody().path("code").asText()).isEqualTo("OPERATOR_LOGIN_REQUIRED");

        assertThat(rest.withBasicAuth(HubClient.OPERATOR, "wrong")
                        .getForEntity("/api/v1/deliveries", JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth(HubClient.OPERATOR, HubClient.OPERATOR_PASSWORD)
                        .getForEntity("/api/v1/deliveries", JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(as("housing").get("/api/v1/deliveries").status()).isEqualTo(401);

        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(HubClient.OPERATOR, "wrong");
        ResponseEntity<String> replay = rest.exchange(
                "/api/v1/dead-letters/replay?receiver=tax", HttpMethod.POST, new HttpEntity<>(headers), String.class);
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    CertificateAuthority pkiCa() {
        Path pki = trust.developmentPki();
        return CertificateAuthority.load(pki.resolve("ca/ca.crt"), pki.resolve("ca/ca.key"));
    }

    static X500Name agencySubject(String agency) {
        return new X500Name("CN=" + agency + ", O=exchange-hub dev");
    }

    /** A TLS context with an in-memory client credential, trusting the hub's CA. */
    SSLContext sslContext(Credential client) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "test".toCharArray();
        keys.setKeyEntry("client", client.privateKey(), password, new X509Certificate[] {client.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), trustOnlyManagers(), null);
        return context;
    }

    /** A TLS context trusting the hub's CA and holding no client key. */
    SSLContext trustOnly() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustOnlyManagers(), null);
        return context;
    }

    javax.net.ssl.TrustManager[] trustOnlyManagers() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(AgencyTlsConnector.trustStore(trust.developmentPki().resolve("ca/ca.crt")));
        return tmf.getTrustManagers();
    }
}
