package org.exchangehub.adapters.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.exchangehub.adapters.hub.HubHeaders;

/**
 * Posts a delivery's JSON to an agency's endpoint and returns the answer, or throws {@link PushFailedException}.
 *
 * <p>The JDK client rather than camel-http: the read timeout is one per-request setting, a refusal becomes our own
 * exception with the status and the body text, and the hub needs no HTTP component configured to run the routes.
 */
public final class HttpPush {

    private final HttpClient client;
    private final Duration readTimeout;

    public HttpPush(Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                // the agencies' servers speak HTTP/1.1; no h2c upgrade attempt on every push
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /**
     * Posts {@code json} to {@code url} with the delivery id in {@link HubHeaders#HTTP_DELIVERY_ID}.
     *
     * @return the body of the 2xx answer, empty when there is none
     * @throws PushFailedException on a non-2xx answer, a refused connection or a timeout
     */
    public String post(URI url, String deliveryId, String json) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(readTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .header(HubHeaders.HTTP_DELIVERY_ID, deliveryId)
                .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (HttpTimeoutException e) {
            throw new PushFailedException(url, "no answer within " + readTimeout, e);
        } catch (ConnectException e) {
            throw new PushFailedException(url, "connection refused", e);
        } catch (IOException e) {
            throw new PushFailedException(url, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailedException(url, "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new PushFailedException(url, response.statusCode(), response.body());
        }
        return response.body() == null ? "" : response.body();
    }
}
