package org.exchangehub.hub.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.audit.AuditEntry;
import org.exchangehub.hub.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The public paths' per-address limit: in the running hub, and the token bucket's arithmetic on its own. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.notary.enabled=false",
            "hub.delivery.enabled=false",
            "hub.security.public-requests-per-minute=5"
        })
class PublicRateLimitTests {

    static final Path dataDir = TestDatabases.dataDirectory(PublicRateLimitTests.class);

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }

    @Autowired
    TestRestTemplate rest;

    @LocalServerPort
    int port;

    @Autowired
    AgencyTlsConnector agencyPort;

    @Autowired
    SecurityConfiguration.AgencyTrust trust;

    @Autowired
    AuditLog audit;

    @Test
    void anAddressAboveTheLimitGets429WithRetryAfterAndTheRefusalIsAudited() throws Exception {
        // the JDK's client: the test template's Apache client would wait out Retry-After and ask again by itself
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest query = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/portal/projects?district=" + URLEncoder.encode("江宁", UTF_8)))
                .build();
        for (int i = 0; i < 5; i++) {
            assertThat(http.send(query, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = http.send(query, HttpResponse.BodyHandlers.ofString());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 12L));
        assertThat(limited.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(new ObjectMapper().readTree(limited.body()).path("code").asText())
                .isEqualTo("RATE_LIMITED");
        AuditEntry refused = audit.recent(null, null, null, 1).get(0);
        assertThat(refused.event().status()).isEqualTo(429);
        assertThat(refused.event().code()).isEqualTo("RATE_LIMITED");

        // an identified agency is not limited on the same paths; health stays reachable for the load balancer
        AgencyClient portal = new AgencyClient(
                agencyPort.localPort(), DevelopmentClients.sslContext(trust.developmentPki(), "portal"));
        assertThat(portal.get("/api/v1/portal/projects?district=江宁").status()).isEqualTo(200);
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void theBucketRefillsAtTheRateAndEachAddressHasItsOwn() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        PublicRateLimiter limiter = new PublicRateLimiter(60, clock); // one a second
        for (int i = 0; i < 60; i++) {
            assertThat(call(limiter, "10.0.0.1")).isEqualTo(200);
        }
        assertThat(call(limiter, "10.0.0.1")).isEqualTo(429);
        assertThat(call(limiter, "10.0.0.2")).isEqualTo(200);
        now.set(now.get().plusMillis(1_000));
        assertThat(call(limiter, "10.0.0.1")).isEqualTo(200);
        assertThat(call(limiter, "10.0.0.1")).isEqualTo(429);
        // static files are never limited
        MockHttpServletRequest css = new MockHttpServletRequest("GET", "/css/site.css");
        css.setRemoteAddr("10.0.0.1");
        MockHttpServletResponse response = new MockHttpServletResponse();
        limiter.doFilter(css, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static int call(PublicRateLimiter limiter, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/portal/projects");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        limiter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }
}
