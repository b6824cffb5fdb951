package org.exchangehub.adapters.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpPushTests {

    // a read timeout of 2 s: long enough for an answer on a loaded CI machine; the slow agency here never answers
    private final HttpPush push = new HttpPush(Duration.ofSeconds(2), Duration.ofSeconds(2));
    private final AtomicReference<String> deliveryIdSeen = new AtomicReference<>();
    private final AtomicReference<String> bodySeen = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer server;

    @BeforeEach
    void startAgency() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/ok", exchange -> {
            try (exchange) {
                deliveryIdSeen.set(exchange.getRequestHeaders().getFirst("X-Hub-Delivery-Id"));
                bodySeen.set(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
                answer(exchange, 200, "{\"SLZT\":\"已受理\"}");
            }
        });
        server.createContext("/refuses", exchange -> {
            try (exchange) {
                answer(exchange, 422, "{\"YZJG\":\"TAMPERED\"}");
            }
        });
        server.createContext("/slow", exchange -> {
            try (exchange) {
                release.await(5, TimeUnit.SECONDS);
                answer(exchange, 200, "{}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stopAgency() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void postsTheJsonWithTheDeliveryIdAndReturnsTheAnswer() {
        String answer = push.post(url("/ok"), "D-1", "{\"HTBH\":\"HT-1\"}");

        assertThat(answer).isEqualTo("{\"SLZT\":\"已受理\"}");
        assertThat(deliveryIdSeen).hasValue("D-1");
        assertThat(bodySeen).hasValue("{\"HTBH\":\"HT-1\"}");
    }

    @Test
    void aNon2xxAnswerThrowsWithStatusAndBody() {
        assertThatThrownBy(() -> push.post(url("/refuses"), "D-1", "{}"))
                .isInstanceOfSatisfying(PushFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.responseBody()).isEqualTo("{\"YZJG\":\"TAMPERED\"}");
                    assertThat(e.getMessage())
                            .contains("422")
                            .contains("TAMPERED")
                            .contains("/refuses");
                });
    }

    @Test
    void aRefusedConnectionThrowsWithoutStatus() {
        URI nobodyListens = url("/ok");
        server.stop(0);

        assertThatThrownBy(() -> push.post(nobodyListens, "D-1", "{}"))
                .isInstanceOfSatisfying(PushFailedException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("connection refused");
                });
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutThrows() {
        assertThatThrownBy(() -> push.post(url("/slow"), "D-1", "{}"))
                .isInstanceOfSatisfying(PushFailedException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("no answer within PT2S");
                });
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
