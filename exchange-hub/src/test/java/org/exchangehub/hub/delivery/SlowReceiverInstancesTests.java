package org.exchangehub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.outbound.HttpPush;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two hub instances on one PostgreSQL, both dispatching on their schedules, push to a real HTTP receiver that is slower
 * than the delivery lease on some requests (ADR 13). The instance whose send outlives the lease loses the cursor to the
 * other, which sends that delivery again; the late one then changes nothing: the receiver gets every version, in order
 * per record, a delivery twice only when its send outlived the lease, and a delivered delivery is never parked.
 */
class SlowReceiverInstancesTests {

    static final Duration LEASE = Duration.ofSeconds(2);
    /** longer than the lease, shorter than the read timeout: acknowledged after another instance took over */
    static final Duration SLOW = Duration.ofSeconds(5);
    /** longer than the read timeout: the sender gives up after another instance took over and delivered it */
    static final Duration TIMED_OUT = Duration.ofSeconds(10);

    static final Duration READ_TIMEOUT = Duration.ofSeconds(8);
    static final int CONTRACTS = 40;

    final Path dataDir = TestDatabases.dataDirectory(SlowReceiverInstancesTests.class);
    final ObjectMapper json = new ObjectMapper();
    final ListAppender<ILoggingEvent> dispatcherLog = new ListAppender<>();
    final Logger dispatcherLogger = (Logger) LoggerFactory.getLogger(DeliveryDispatcher.class);

    /** A delivery the receiver took (answered 200 to), in the order it took them. */
    record Taken(String deliveryId, String contractNo, int version) {}

    final List<Taken> taken = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final ExecutorService receiverThreads = Executors.newCachedThreadPool();
    HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/deliveries", this::receive);
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        dispatcherLogger.detachAppender(dispatcherLog);
        receiver.stop(0);
        receiverThreads.shutdownNow();
    }

    static boolean slow(String contractNo) {
        return contractNo.endsWith("-7") || contractNo.endsWith("-23");
    }

    static boolean failsThenTimesOut(String contractNo) {
        return contractNo.endsWith("-15");
    }

    /**
     * The receiver: a slow contract's first version is taken at once and answered after {@link #SLOW} on its first
     * request; a failing
     * contract's first version is refused (503), its second request answered 503 after {@link #TIMED_OUT}, its third
     * taken. Everything else is taken at once.
     */
    void receive(HttpExchange exchange) throws IOException {
        String deliveryId = exchange.getRequestHeaders().getFirst(HubHeaders.HTTP_DELIVERY_ID);
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        String contractNo = body.path("contractNo").asText();
        int version = body.path("version").asInt();
        int request =
                requests.computeIfAbsent(deliveryId, id -> new AtomicInteger()).incrementAndGet();
        int status = 200;
        try {
            if (failsThenTimesOut(contractNo) && version == 1 && request == 1) {
                status = 503;
            } else if (failsThenTimesOut(contractNo) && version == 1 && request == 2) {
                Thread.sleep(TIMED_OUT.toMillis());
                status = 503;
            } else {
                taken.add(new Taken(deliveryId, contractNo, version));
                if (slow(contractNo) && version == 1 && request == 1) {
                    Thread.sleep(SLOW.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 500;
        }
        byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException e) {
            // the sender gave up waiting (read timeout): nothing to answer
        } finally {
            exchange.close();
        }
    }

    ConfigurableApplicationContext hub(String database, String name) throws Exception {
        List<String> properties = List.of(
                "hub.data-dir=" + dataDir.resolve(name),
                "spring.main.banner-mode=off",
                "spring.datasource.url=" + TestDatabases.postgresUrl(database),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "hub.notary.enabled=false",
                "hub.delivery.interval=100ms",
                "hub.delivery.lease=" + LEASE.toMillis() + "ms",
                "hub.delivery.max-attempts=2",
                "hub.delivery.initial-backoff=0s",
                "hub.delivery.max-backoff=0s",
                "hub.delivery.batch-size=10",
                "hub.delivery.subscriptions.tax.types=CONTRACT");
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        HttpPush push = new HttpPush(Duration.ofSeconds(2), READ_TIMEOUT);
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/deliveries");
        hub.getBean(CamelContext.class).addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deliver-tax").routeId("tax-http-" + name).process(exchange -> {
                    Delivery delivery = exchange.getMessage().getBody(Delivery.class);
                    String message =
                            json.writeValueAsString(Map.of("contractNo", delivery.id(), "version", delivery.version()));
                    push.post(url, delivery.deliveryId(), message);
                });
            }
        });
        return hub;
    }

    @Test
    void aReceiverSlowerThanTheLeaseGetsEveryVersionInOrderAndOnlyAnOutlivedSendTwice() throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        try (ConfigurableApplicationContext a = hub(database, "a");
                ConfigurableApplicationContext b = hub(database, "b")) {
            // after both contexts started: starting one resets the logging system
            dispatcherLog.start();
            dispatcherLogger.addAppender(dispatcherLog);
            Map<String, String> instances = Map.of(
                    a.getBean(DeliveryDispatcher.class).instance(), "a",
                    b.getBean(DeliveryDispatcher.class).instance(), "b");

            RecordPublisher publisher = a.getBean(RecordPublisher.class);
            Map<String, Integer> contracts = new TreeMap<>();
            int versions = 0;
            for (int i = 0; i < CONTRACTS; i++) {
                String contractNo = "HT-SLOW-" + i;
                contracts.put(contractNo, 1);
                publisher.publish(
                        "housing",
                        new PublishRequest(
                                "CONTRACT", contractNo, null, Payloads.contract(contractNo, "FW-" + i, "SIGNED")));
                versions++;
                if (i % 4 == 3) { // 7, 15, 23 among them: a slow or failing first version with a second behind it
                    var changed = Payloads.contract(contractNo, "FW-" + i, "CHANGED");
                    changed.put("changeReason", "buyer added");
                    publisher.publish("housing", new PublishRequest("CONTRACT", contractNo, null, changed));
                    contracts.put(contractNo, 2);
                    versions++;
                }
            }
            a.getBean(NotaryBatcher.class).drain();

            int expected = versions;
            await().atMost(Duration.ofSeconds(90))
                    .until(() ->
                            taken.stream().map(Taken::deliveryId).distinct().count() == expected);

            // what a receiver dropping repeated ids applies: each version at its first arrival
            Map<String, List<Integer>> versionsApplied = taken.stream()
                    .filter(distinctBy(Taken::deliveryId))
                    .collect(Collectors.groupingBy(
                            Taken::contractNo, Collectors.mapping(Taken::version, Collectors.toList())));
            contracts.forEach((contractNo, published) -> assertThat(versionsApplied.get(contractNo))
                    .as("every version of %s, in order", contractNo)
                    .isEqualTo(allOf(published)));

            Map<String, Long> timesTaken =
                    taken.stream().collect(Collectors.groupingBy(Taken::deliveryId, Collectors.counting()));
            List<String> twice = timesTaken.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .toList();
            for (String deliveryId : twice) {
                // only a send that outlived the lease is repeated (a slowed one, or any other the loaded machine made
                // that slow), once per such send, and the instance that sent it found the lease another's after it
                long outlived = events().stream()
                        .filter(e -> e.getFormattedMessage().startsWith("Delivery " + deliveryId + " to tax took "))
                        .count();
                assertThat(timesTaken.get(deliveryId))
                        .as("%s taken again only after a send of it outlived the lease", deliveryId)
                        .isLessThanOrEqualTo(1 + outlived);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> lostLease(" " + deliveryId + ":").size() >= 1);
            }
            // a slowed send is repeated when the other instance is free to take the cursor over meanwhile (not when it
            // is itself waiting on a slow request then): at least one was
            assertThat(twice)
                    .as("slowed versions sent again by the instance that took over")
                    .containsAnyOf("d-tax-" + seqOf(a, "HT-SLOW-7", 1), "d-tax-" + seqOf(a, "HT-SLOW-23", 1));

            String timedOut = "d-tax-" + seqOf(a, "HT-SLOW-15", 1);
            // the instance whose retry timed out came to park it (its last attempt) after the other delivered it
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> lostLease("park as DEAD " + timedOut + ":").size() == 1);
            List<ILoggingEvent> fenced = lostLease("");
            for (ILoggingEvent event : fenced) {
                String holder = String.valueOf(event.getArgumentArray()[0]);
                String lostBy = instances.get(holder.substring(0, holder.indexOf('#')));
                assertThat(lostBy)
                        .as("a round of one of the two instances: %s", holder)
                        .isNotNull();
                assertThat(events())
                        .as("the other instance took the cursor over from %s", holder)
                        .anyMatch(e -> e.getFormattedMessage().contains("from " + holder + ",")
                                && !instances
                                        .get(String.valueOf(e.getArgumentArray()[0])
                                                .substring(0, 8))
                                        .equals(lostBy));
            }

            JdbcClient jdbc = a.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT delivery_id, state, attempts FROM delivery_failure ORDER BY delivery_id")
                            .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3))
                            .list())
                    .as("the failing version delivered on its third request, its second version after it; none DEAD")
                    .containsExactly(timedOut + " DELIVERED 2", "d-tax-" + seqOf(a, "HT-SLOW-15", 2) + " DELIVERED 1");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> a.getBean(DeliveryStore.class).counts().stream()
                            .filter(c -> c.receiver().equals("tax"))
                            .allMatch(c -> c.delivered() == expected && c.pending() == 0 && c.dead() == 0));
        }
    }

    /** The dispatcher's log events so far (appended under the appender's lock: copied under it). */
    List<ILoggingEvent> events() {
        synchronized (dispatcherLog) {
            return List.copyOf(dispatcherLog.list);
        }
    }

    /** The dispatcher's warnings that a round lost its lease, those whose message contains {@code text}. */
    List<ILoggingEvent> lostLease(String text) {
        return events().stream()
                .filter(e -> e.getFormattedMessage().contains("lost its lease before it could ")
                        && e.getFormattedMessage().contains(text))
                .toList();
    }

    static <T> Predicate<T> distinctBy(Function<T, String> key) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return t -> seen.add(key.apply(t));
    }

    static List<Integer> allOf(int versions) {
        List<Integer> all = new ArrayList<>();
        for (int v = 1; v <= versions; v++) {
            all.add(v);
        }
        return all;
    }

    static long seqOf(ConfigurableApplicationContext hub, String contractNo, int version) {
        return hub.getBean(JdbcClient.class)
                .sql("SELECT seq FROM record_version WHERE record_type = 'CONTRACT' AND record_id = ? AND version = ?")
                .params(contractNo, version)
                .query(Long.class)
                .single();
    }
}
