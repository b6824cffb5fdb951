package org.exchangehub.adapters.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.exchangehub.adapters.hub.HubHeaders;

/**
 * A simulated agency system on a real HTTP server (loopback only): the server's lifecycle, the test controls (slow,
 * failing, down), idempotence by {@link HubHeaders#HTTP_DELIVERY_ID}, and the call to the hub's verify API. The agency
 * itself ("the application") is the subclass's {@link #handle}.
 */
public abstract class AgencySimulator {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final String name;
    private final HubVerifyApi verifyApi;
    private final Object application = new Object();
    private final Map<String, SimulatorAnswer> answered = new HashMap<>();
    private final List<String> deliveries = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private int port;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param port the port to listen on; 0 for any free one, which is then kept for every later start
     * @param hubUrl the hub's base URL for the verify API; may be set later with {@link #hubUrl(URI)}
     */
    protected AgencySimulator(String name, int port, URI hubUrl) {
        this.name = Objects.requireNonNull(name, "name");
        this.port = port;
        this.verifyApi = new HubVerifyApi(hubUrl);
    }

    /** The application's answer to a new delivery; called one at a time. */
    abstract SimulatorAnswer handle(String path, JsonNode body);

    /** Starts listening, on the same port as before if it ran already. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(name + " simulator cannot listen on port " + port, e);
        }
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops listening (connections are refused) and drops requests in progress; what was received is kept. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    /** Takes the agency down: the server really stops, so pushes get "connection refused". */
    public void down() {
        stop();
    }

    /** Brings the agency back on the same port. */
    public void up() {
        start();
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** The port listened on (known after the first start). */
    public synchronized int port() {
        return port;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port());
    }

    /** Sets the hub's base URL, once the hub's port is known (plain HTTP, a development hub's header mode). */
    public void hubUrl(URI hubUrl) {
        verifyApi.hubUrl(hubUrl, null);
    }

    /**
     * Sets the hub's agency port URL ({@code https://…}) and the TLS context with this agency's client certificate,
     * by which the hub knows who is asking.
     */
    public void hubUrl(URI hubUrl, SSLContext clientCertificate) {
        verifyApi.hubUrl(hubUrl, clientCertificate);
    }

    /** Answers every request this much later (after the application handled it, as a slow network would). */
    public void delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    /** Answers the next {@code n} requests with 503 before the application sees them. */
    public void failNext(int n) {
        failuresToAnswer.set(n);
    }

    /** How many HTTP requests arrived, repeats and failures included. */
    public int requestCount() {
        return requests.get();
    }

    /** The delivery ids the application accepted, each once, in order. */
    public List<String> deliveries() {
        synchronized (application) {
            return List.copyOf(deliveries);
        }
    }

    /** Asks the hub's verify API about a record and its receipt as delivered. */
    HubVerdict verify(JsonNode record, JsonNode receipt) {
        return verifyApi.verify(record, receipt);
    }

    static ObjectNode problem(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            if (failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, new SimulatorAnswer(503, problem(name + " is unavailable (simulated)")));
                return;
            }
            SimulatorAnswer answer = answer(exchange);
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    // stopped while slow: the connection goes with the server
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            send(exchange, answer);
        }
    }

    private SimulatorAnswer answer(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return new SimulatorAnswer(405, problem("POST only"));
        }
        String deliveryId = exchange.getRequestHeaders().getFirst(HubHeaders.HTTP_DELIVERY_ID);
        if (deliveryId == null || deliveryId.isBlank()) {
            return new SimulatorAnswer(400, problem("header " + HubHeaders.HTTP_DELIVERY_ID + " is required"));
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            return new SimulatorAnswer(400, problem("the body is not JSON: " + e.getOriginalMessage()));
        }
        if (body == null || !body.isObject()) {
            return new SimulatorAnswer(400, problem("the body is not a JSON object"));
        }
        synchronized (application) {
            SimulatorAnswer earlier = answered.get(deliveryId);
            if (earlier != null) {
                return earlier;
            }
            SimulatorAnswer answer;
            try {
                answer = handle(exchange.getRequestURI().getPath(), body);
            } catch (HubUnavailableException e) {
                return new SimulatorAnswer(503, problem(e.getMessage()));
            }
            // only what the application took is remembered: a refusal is looked at again on the next attempt
            if (answer.accepted()) {
                answered.put(deliveryId, answer);
                deliveries.add(deliveryId);
            }
            return answer;
        }
    }

    private static void send(HttpExchange exchange, SimulatorAnswer answer) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
