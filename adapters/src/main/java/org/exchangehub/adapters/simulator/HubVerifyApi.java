package org.exchangehub.adapters.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/** The hub's verify API as a simulated agency calls it: {@code POST <hubUrl>/api/v1/verify {record, receipt}}. */
final class HubVerifyApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private volatile HttpClient http = client(null);
    private volatile URI hubUrl;

    HubVerifyApi(URI hubUrl) {
        this.hubUrl = hubUrl;
    }

    /**
     * @param ssl the TLS context holding the agency's client certificate, for the hub's agency port ({@code https});
     *     null for plain HTTP
     */
    void hubUrl(URI hubUrl, SSLContext ssl) {
        this.http = client(ssl);
        this.hubUrl = hubUrl;
    }

    private static HttpClient client(SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        return ssl == null ? builder.build() : builder.sslContext(ssl).build();
    }

    /** The hub's verdict; throws {@link HubUnavailableException} when the hub cannot be asked or does not answer 200. */
    HubVerdict verify(JsonNode record, JsonNode receipt) {
        if (hubUrl == null) {
            throw new HubUnavailableException("the hub's URL is not set", null);
        }
        URI verifyUrl = URI.create(hubUrl.toString().replaceAll("/+$", "") + "/api/v1/verify");
        try {
            ObjectNode question = AgencySimulator.JSON.createObjectNode();
            question.set("record", record);
            question.set("receipt", receipt);
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(verifyUrl)
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    AgencySimulator.JSON.writeValueAsString(question), UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
            if (response.statusCode() != 200) {
                throw new HubUnavailableException(
                        "verify at " + verifyUrl + " answered " + response.statusCode() + ": " + response.body(), null);
            }
            JsonNode answer = AgencySimulator.JSON.readTree(response.body());
            List<String> reasons = new ArrayList<>();
            answer.path("reasons").forEach(reason -> reasons.add(reason.asText()));
            return new HubVerdict(answer.path("verdict").asText("UNKNOWN"), List.copyOf(reasons));
        } catch (IOException e) {
            throw new HubUnavailableException("cannot ask the hub at " + verifyUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubUnavailableException("interrupted asking the hub", e);
        }
    }
}
