package org.exchangehub.adapters.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The hub's verify API as a tiny HTTP server: {@code POST /api/v1/verify} answers GENUINE, or the verdict chosen for
 * a record id, and keeps the records asked about.
 */
public final class FakeVerifyApi implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> verdicts = new ConcurrentHashMap<>();
    private final List<JsonNode> asked = new CopyOnWriteArrayList<>();

    public FakeVerifyApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/verify", this::verify);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, the record with this id gets {@code verdict} instead of GENUINE. */
    public void answer(String recordId, String verdict) {
        verdicts.put(recordId, verdict);
    }

    /** The records asked about ({@code record} of each question), in order. */
    public List<JsonNode> asked() {
        return List.copyOf(asked);
    }

    private void verify(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            JsonNode question = SampleRecords.JSON.readTree(in);
            JsonNode record = question.path("record");
            asked.add(record);
            String verdict = verdicts.getOrDefault(record.path("id").asText(), "GENUINE");
            String answer = SampleRecords.JSON
                    .createObjectNode()
                    .put("verdict", verdict)
                    .put("type", record.path("type").asText())
                    .put("id", record.path("id").asText())
                    .set("reasons", SampleRecords.JSON.createArrayNode().add("verdict chosen by the test: " + verdict))
                    .toString();
            byte[] bytes = answer.getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
