package org.exchangehub.adapters.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.exchangehub.adapters.outbound.SampleRecords;

/** Posts to a simulator as the hub's push would, for tests that talk HTTP to it directly. */
final class SimulatorClient {

    /** An answer: status and parsed JSON body. */
    record Answer(int status, JsonNode body) {}

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Answer post(URI base, String path, String deliveryId, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), UTF_8));
        if (deliveryId != null) {
            request.header("X-Hub-Delivery-Id", deliveryId);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        return new Answer(response.statusCode(), SampleRecords.JSON.readTree(response.body()));
    }
}
