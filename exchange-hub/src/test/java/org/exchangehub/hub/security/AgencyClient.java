package org.exchangehub.hub.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** An agency system calling the hub's agency port over mutual TLS with its own client certificate (or none). */
final class AgencyClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;

    AgencyClient(int port, SSLContext tls) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(tls)
                .build();
        this.base = URI.create("https://localhost:" + port);
    }

    /** The status and the body as JSON (null when empty). */
    record Answer(int status, String contentType, JsonNode body) {}

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), UTF_8)));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new Answer(
                response.statusCode(), type, response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }
}
