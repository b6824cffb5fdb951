package org.exchangehub.hub.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.security.AgencyTlsConnector;
import org.exchangehub.hub.security.DevelopmentClients;
import org.exchangehub.hub.security.SecurityConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile input over a real server, on both connectors (the plain port, and the agencies' mutual-TLS port with the
 * housing bureau's certificate): whatever arrives, the answer is below 500, problem+json with a {@code code}, and a
 * refused publish stores nothing. Requests go over raw sockets, so that what no HTTP client would send arrives as is.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hub.notary.enabled=false", "hub.delivery.enabled=false", "hub.dev.agency-header=true"})
class HostileInputTests {

    static final Path dataDir = TestDatabases.dataDirectory(HostileInputTests.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger UNIQUE = new AtomicInteger();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int plainPort;

    @Autowired
    AgencyTlsConnector agencyPort;

    @Autowired
    SecurityConfiguration.AgencyTrust trust;

    @Autowired
    RecordStore records;

    @Autowired
    JdbcTemplate jdbc;

    long storedVersions() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class);
    }

    String unit;

    @BeforeEach
    void unique() {
        unit = "FW-H" + System.nanoTime() + "-" + UNIQUE.incrementAndGet();
    }

    /** The two ways in; the plain port names the agency by the development header. */
    enum Port {
        PLAIN,
        AGENCY_TLS
    }

    record Answer(int status, Map<String, String> headers, String body) {

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        /** The promise: below 500, problem+json, a code. */
        Answer isProblem() throws IOException {
            assertThat(status).as("status of %s", body).isBetween(400, 499);
            assertThat(headers.getOrDefault("content-type", ""))
                    .as("content type of %s", body)
                    .startsWith("application/problem+json");
            assertThat(json().path("code").asText()).as("code in %s", body).isNotBlank();
            return this;
        }

        Answer hasCode(String code) throws IOException {
            assertThat(json().path("code").asText()).as("code in %s", body).isEqualTo(code);
            return this;
        }

        Answer hasPointer(String pointer) throws IOException {
            assertThat(json().path("pointer").asText(null))
                    .as("pointer in %s", body)
                    .isEqualTo(pointer);
            return this;
        }
    }

    Answer send(Port port, byte[] request) throws IOException {
        try (Socket socket = socket(port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // the server may answer and close before reading all of an oversized request
            }
            return read(socket.getInputStream());
        }
    }

    Answer send(Port port, String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        head.append("Host: localhost\r\nConnection: close\r\n");
        if (port == Port.PLAIN) {
            head.append(AgencyResolver.HEADER).append(": housing\r\n");
        }
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null && !headers.containsKey("Content-Length")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head.toString().getBytes(UTF_8));
        if (body != null) {
            request.write(body);
        }
        return send(port, request.toByteArray());
    }

    Answer post(Port port, String path, String json) throws IOException {
        return send(port, "POST", path, Map.of("Content-Type", "application/json"), json.getBytes(UTF_8));
    }

    Answer get(Port port, String target) throws IOException {
        return send(port, "GET", target, Map.of("Accept", "application/json"), null);
    }

    private Socket socket(Port port) throws IOException {
        if (port == Port.PLAIN) {
            return new Socket("localhost", plainPort);
        }
        SSLContext tls = DevelopmentClients.sslContext(trust.developmentPki(), "housing");
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", agencyPort.localPort());
        socket.startHandshake();
        return socket;
    }

    /** One answer: its head, then as many bytes as it says (the server may keep the connection open). */
    private static Answer read(InputStream in) throws IOException {
        String head = line(in);
        assertThat(head).as("an HTTP answer").startsWith("HTTP/1.1 ");
        int status = Integer.parseInt(head.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            body.write(in.readAllBytes());
        }
        return new Answer(status, headers, body.toString(UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(UTF_8);
    }

    String envelope(String members) {
        return ("{'type':'UNIT','id':'" + unit + "'," + members + "}").replace('\'', '"');
    }

    String unitPayload(String extra) throws IOException {
        String payload = JSON.writeValueAsString(Payloads.unit(unit, "AVAILABLE", 1_000_000));
        return payload.substring(0, payload.length() - 1) + extra + "}";
    }

    void assertNothingStored() {
        assertThat(records.latest(RecordType.UNIT, unit)).isEmpty();
    }

    @Nested
    class Publishing {

        @ParameterizedTest
        @EnumSource(Port.class)
        void acceptsAWellFormedRecordSoTheRefusalsBelowAreAboutTheirInput(Port port) throws IOException {
            Answer answer = post(port, "/api/v1/records", envelope("'payload':" + unitPayload("")));

            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesADuplicateEnvelopeMember(Port port) throws IOException {
            post(port, "/api/v1/records", envelope("'version':1,'version':2,'payload':" + unitPayload("")))
                    .isProblem()
                    .hasCode("JSON_DUPLICATE_MEMBER")
                    .hasPointer("/version");
            assertNothingStored();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesADuplicateMemberDeepInThePayload(Port port) throws IOException {
            post(port, "/api/v1/records", envelope("'payload':" + unitPayload(",\"x\":{\"a\":[{\"b\":1,\"b\":2}]}")))
                    .isProblem()
                    .hasCode("JSON_DUPLICATE_MEMBER")
                    .hasPointer("/payload/x/a/0/b");
            assertNothingStored();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesAnUnknownEnvelopeMember(Port port) throws IOException {
            post(port, "/api/v1/records", envelope("'verison':2,'payload':" + unitPayload("")))
                    .isProblem()
                    .hasCode("JSON_UNKNOWN_MEMBER")
                    .hasPointer("/verison");
            assertNothingStored();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesANumberBeyondTheDoubleRange(Port port) throws IOException {
            post(port, "/api/v1/records", envelope("'payload':" + unitPayload(",\"n\":1e400")))
                    .isProblem()
                    .hasCode("JSON_NOT_CANONICALIZABLE")
                    .hasPointer("/payload/n");
            assertNothingStored();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesALoneSurrogate(Port port) throws IOException {
            post(port, "/api/v1/records", envelope("'payload':" + unitPayload(",\"note\":\"12\\ud800\"")))
                    .isProblem()
                    .hasCode("JSON_NOT_CANONICALIZABLE");
            assertNothingStored();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesADuplicateInABatchItem(Port port) throws IOException {
            post(port, "/api/v1/records/batch", "[" + envelope("'payload':" + unitPayload(",\"a\":1,\"a\":1")) + "]")
                    .isProblem()
                    .hasCode("JSON_DUPLICATE_MEMBER")
                    .hasPointer("/0/payload/a");
            assertNothingStored();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesAnOversizedBodyBeforeReadingIt(Port port) throws IOException {
            Answer answer = send(
                    port,
                    "POST",
                    "/api/v1/records",
                    Map.of("Content-Type", "application/json", "Content-Length", "20000000"),
                    "{".getBytes(UTF_8));

            answer.isProblem().hasCode("PAYLOAD_TOO_LARGE");
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesTheWrongContentType(Port port) throws IOException {
            send(port, "POST", "/api/v1/records", Map.of("Content-Type", "text/plain"), "x".getBytes(UTF_8))
                    .isProblem()
                    .hasCode("UNSUPPORTED_MEDIA_TYPE");
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesTheWrongMethod(Port port) throws IOException {
            send(port, "DELETE", "/api/v1/records", Map.of(), null).isProblem().hasCode("METHOD_NOT_ALLOWED");
        }
    }

    @Nested
    class Verifying {

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesADuplicateMemberInTheReceipt(Port port) throws IOException {
            String receipt = "{'receipt':{'receiptId':'r','receiptId':'s','status':'PENDING'}}".replace('\'', '"');

            post(port, "/api/v1/verify", receipt).isProblem().hasCode("JSON_DUPLICATE_MEMBER");
            post(port, "/api/v1/portal/verify", receipt).isProblem().hasCode("JSON_DUPLICATE_MEMBER");
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void refusesARecordWithoutACanonicalForm(Port port) throws IOException {
            String request = "{'record':{'type':'UNIT','payload':{'n':1e400}}}".replace('\'', '"');

            post(port, "/api/v1/verify", request).isProblem().hasCode("JSON_NOT_CANONICALIZABLE");
            post(port, "/api/v1/portal/verify", request).isProblem().hasCode("JSON_NOT_CANONICALIZABLE");
        }
    }

    @Nested
    class TheContainer {

        @ParameterizedTest
        @EnumSource(Port.class)
        void answersAnInvalidCharacterInThePathWithAProblem(Port port) throws IOException {
            get(port, "/api/v1/records/UNIT/a|b{}").isProblem();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void answersAnEncodedSlashAndNulWithAProblem(Port port) throws IOException {
            get(port, "/api/v1/records/UNIT/a%2Fb").isProblem();
            get(port, "/api/v1/records/UNIT/a%00b").isProblem();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void answersAnOverlongUrlWithAProblem(Port port) throws IOException {
            get(port, "/api/v1/records/UNIT/" + "x".repeat(20_000)).isProblem();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void answersAnOverlongHeaderWithAProblem(Port port) throws IOException {
            send(port, "GET", "/api/v1/policy/me", Map.of("X-Long", "y".repeat(20_000)), null)
                    .isProblem();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void answersBrokenHttpWithAProblem(Port port) throws IOException {
            send(port, "GET /api/v1/policy/me HTTP/1.1\r\nHost localhost\r\n\r\n".getBytes(UTF_8))
                    .isProblem();
            send(port, "BL\u00c4H / HTTP/1.1\r\n\r\n".getBytes(UTF_8)).isProblem();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void answersUnknownPathsWithANotFoundProblem(Port port) throws IOException {
            get(port, "/api/v1/nothing-here").isProblem().hasCode("NOT_FOUND");
            get(port, "/nothing-here").isProblem().hasCode("NOT_FOUND");
            // the actuator beyond health is the operators': an unknown path there is first an unauthenticated call
            get(port, "/actuator/nothing-here").isProblem().hasCode("OPERATOR_LOGIN_REQUIRED");
        }

        @Test
        void answersABrowserRejectedByTheFirewallWithAnHtmlPage() throws IOException {
            Answer answer = send(Port.PLAIN, "GET", "/listings/a;b/..;/c", Map.of("Accept", "text/html"), null);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.headers().get("content-type")).startsWith("text/html");
            assertThat(answer.body()).contains("</html>");
        }

        @Test
        void answersABrowserAskingForAnUnknownPageWithANotFoundProblem() throws IOException {
            Answer answer = send(Port.PLAIN, "GET", "/nothing-here", Map.of("Accept", "text/html"), null);

            // an unknown path is Spring MVC's 404, answered by the API's problem handler whatever the client accepts
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
        }
    }

    @Nested
    class EveryEndpoint {

        static final List<String> GETS = List.of(
                "/api/v1/records/UNIT/x",
                "/api/v1/records/NOPE/x",
                "/api/v1/records/UNIT/x/versions/abc",
                "/api/v1/records/UNIT/x/versions/99999999999",
                "/api/v1/records/UNIT/x/versions/-1",
                "/api/v1/feed/UNIT?after=abc",
                "/api/v1/feed/UNIT?limit=-1",
                "/api/v1/feed/UNIT?limit=999999999",
                "/api/v1/feed/NOPE",
                "/api/v1/receipts/%E2%82%AC",
                "/api/v1/portal/projects/%F0%9F%98%80",
                "/api/v1/portal/buildings/x",
                "/api/v1/portal/contracts/x",
                "/api/v1/portal/filings/x",
                "/api/v1/portal/filings",
                "/api/v1/portal/verify/x",
                "/api/v1/deliveries?limit=abc",
                "/api/v1/deliveries/x",
                "/api/v1/dead-letters/x",
                "/api/v1/policy",
                "/api/v1/audit?limit=-1",
                "/api/v1/audit/check",
                "/actuator/health/nothing");

        static final List<String> BODIES = List.of(
                "",
                "null",
                "[]",
                "{}",
                "[null]",
                "{\"a\":",
                "\"text\"",
                "{\"type\":null,\"payload\":null}",
                "{\"type\":\"UNIT\",\"payload\":[]}",
                "{\"type\":\"UNIT\",\"version\":1e400,\"payload\":{}}",
                "{\"type\":\"UNIT\",\"version\":-5,\"payload\":{}}",
                "{\"type\":\"UNIT\",\"payload\":{\"a\":NaN}}",
                "{\"type\":\"UNIT\",\"payload\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "{\"record\":{},\"digest\":\"zz\"}",
                "{\"record\":null,\"receipt\":null,\"digest\":null}",
                "{\"receipt\":{\"status\":\"WHATEVER\"}}",
                "{\"receipt\":{\"acceptedAt\":\"yesterday\"}}",
                "{\"record\":{\"type\":\"UNIT\",\"id\":\"x\",\"version\":1,\"source\":\"housing\",\"payload\":{}},"
                        + "\"receipt\":{\"receiptId\":\"x\",\"digest\":\"\",\"proof\":{\"leafIndex\":-1,"
                        + "\"treeSize\":0,\"auditPath\":[\"zz\"]}}}");

        static final List<String> POSTS = List.of(
                "/api/v1/records",
                "/api/v1/records/batch",
                "/api/v1/verify",
                "/api/v1/portal/verify",
                "/api/v1/dead-letters/x/replay",
                "/api/v1/dead-letters/replay");

        @ParameterizedTest
        @EnumSource(Port.class)
        void answersEveryHostileGetWithAProblem(Port port) throws IOException {
            List<String> failures = new ArrayList<>();
            for (String target : GETS) {
                Answer answer = get(port, target);
                try {
                    answer.isProblem();
                } catch (AssertionError e) {
                    failures.add("GET " + target + " -> " + answer.status() + " " + answer.body());
                }
            }
            assertThat(failures).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(Port.class)
        void answersEveryHostileBodyWithAProblemAndStoresNothing(Port port) throws IOException {
            long before = storedVersions();
            List<String> failures = new ArrayList<>();
            for (String path : POSTS) {
                for (String body : BODIES) {
                    Answer answer = post(port, path, body);
                    try {
                        if (path.endsWith("/batch") && answer.status() == 200) {
                            // a batch answers 200 with a refusal per item (none for an empty batch)
                            assertThat(answer.json().findValues("code"))
                                    .hasSize(answer.json().size());
                        } else if (path.endsWith("verify") && answer.status() == 200) {
                            // a verification of nonsense is a verdict, and never GENUINE
                            assertThat(answer.json().path("verdict").asText()).isIn("TAMPERED", "UNKNOWN");
                        } else {
                            answer.isProblem();
                        }
                    } catch (AssertionError e) {
                        failures.add("POST " + path + " " + abbreviated(body) + " -> " + answer.status() + " "
                                + answer.body());
                    }
                }
            }
            assertThat(failures).isEmpty();
            assertThat(storedVersions()).isEqualTo(before);
        }

        private static String abbreviated(String body) {
            return body.length() < 80 ? body : body.substring(0, 80) + "...";
        }
    }
}
