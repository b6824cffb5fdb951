package org.exchangehub.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * The receivers' side of phase (e): one HTTP server on a random local port standing for every agency the hub delivers
 * to, each under its own base path ({@code /<receiver>}). Each request is a delivery as the receiver's route posts it,
 * with the record under {@code record}; the server notes its arrival for the record's bench index (a bit per record
 * and receiver, so that a repeat is told apart) and counts the time since the record's publish call returned into one
 * histogram. It answers {@code 200} without a body: taken, nothing to publish back (a voucher or a registration in the
 * answer would make the hub publish records of its own during the phase, which is then no longer at the given rate).
 */
final class BenchReceivers implements AutoCloseable {

    /** What one receiver got. */
    private static final class Receiver {
        final long expected;
        final BitSet seen = new BitSet();
        long received;
        long repeats;
        long others;

        Receiver(long expected) {
            this.expected = expected;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix;
    private final AtomicLongArray publishedAt;
    private final LatencyHistogram delivered = new LatencyHistogram();
    private final HttpServer server;
    private final ExecutorService threads;
    private volatile Map<String, Receiver> receivers = Map.of();
    private volatile CountDownLatch allDelivered = new CountDownLatch(0);

    /**
     * Starts the server; it takes deliveries once told which receivers to expect ({@link #expect}).
     *
     * @param prefix the phase's record id prefix ({@link BenchRecords#of}); other records are counted apart
     * @param publishedAt per bench index, {@link System#nanoTime} when its publish call returned (0: not yet)
     */
    BenchReceivers(String prefix, AtomicLongArray publishedAt) throws IOException {
        this.prefix = prefix;
        this.publishedAt = publishedAt;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        // a few threads: the hub sends to each receiver one delivery at a time
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "bench-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::take);
        server.start();
    }

    /** The receivers, each with the record types it is subscribed to; before the first record is published. */
    void expect(Map<String, Set<String>> types) {
        Map<String, Receiver> expected = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Set<String>> receiver : types.entrySet()) {
            long count = expected(receiver.getValue(), publishedAt.length());
            expected.put(receiver.getKey(), new Receiver(count));
            total += count;
        }
        allDelivered = new CountDownLatch(Math.toIntExact(total));
        receivers = expected;
    }

    /** How many of the records {@code [0, count)} are of the given types. */
    static long expected(Set<String> types, int count) {
        long units = (count + 1) / 2;
        return (types.contains("UNIT") ? units : 0) + (types.contains("CONTRACT") ? count - units : 0);
    }

    /** The base URL of {@code receiver}'s system. */
    URI url(String receiver) {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/" + receiver);
    }

    private void take(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String name = path.substring(1).split("/", 2)[0];
            Receiver receiver = receivers.get(name);
            JsonNode record;
            try (InputStream body = exchange.getRequestBody()) {
                record = JSON.readTree(body).path("record");
            }
            if (receiver == null || !"POST".equals(exchange.getRequestMethod()) || !record.isObject()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            took(receiver, record.path("id").asText(), arrived);
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void took(Receiver receiver, String id, long arrived) {
        int index = BenchRecords.indexOf(prefix, id);
        synchronized (receiver) {
            if (index < 0 || index >= publishedAt.length()) {
                receiver.others++;
            } else if (receiver.seen.get(index)) {
                receiver.repeats++;
            } else {
                receiver.seen.set(index);
                receiver.received++;
                long published = publishedAt.get(index);
                // 0: the publish call has not returned yet (its thread not rescheduled since the commit)
                delivered.record(published == 0 ? 0 : (arrived - published) / 1_000);
                allDelivered.countDown();
            }
        }
    }

    /** Waits until every receiver got every record of its types; false when {@code timeoutMillis} passed first. */
    boolean awaitAll(long timeoutMillis) throws InterruptedException {
        return allDelivered.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    LatencyHistogram delivered() {
        return delivered;
    }

    int count() {
        return receivers.size();
    }

    long expectedDeliveries() {
        return receivers.values().stream().mapToLong(r -> r.expected).sum();
    }

    /** Per receiver, e.g. {@code tax 10000/10000}, and repeats or records not of the phase when there were any. */
    String tally() {
        return receivers.entrySet().stream()
                .map(entry -> {
                    Receiver receiver = entry.getValue();
                    synchronized (receiver) {
                        return entry.getKey() + " " + receiver.received + "/" + receiver.expected
                                + (receiver.repeats > 0 ? " (" + receiver.repeats + " repeated)" : "")
                                + (receiver.others > 0 ? " (" + receiver.others + " not of this phase)" : "");
                    }
                })
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
