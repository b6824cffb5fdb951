package org.exchangehub.adapters.housing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.hub.PublishResult;
import org.exchangehub.adapters.hub.RecordRefusedException;

/**
 * Stands in for the hub on {@code direct:publish}: content-idempotent versions like the hub's, refusals of chosen ids,
 * and outages ("hub down") on demand; remembers every call.
 */
final class StandInHub extends RouteBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call on direct:publish; {@code result} is null when the call failed. */
    record Call(String agency, String sourceRef, String type, String id, String payload, PublishResult result) {

        String content() {
            return type + "/" + id + "/" + payload;
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Set<String> refusedIds = ConcurrentHashMap.newKeySet();
    /** Source refs the hub fails on once, as if its database went down at that moment. */
    final Set<String> downOnceFor = ConcurrentHashMap.newKeySet();

    /**
     * Source refs the hub publishes and then holds the caller on, once, until the test lets it go: an instance
     * stalled (or dying) between "published" and writing the outcome.
     */
    final Map<String, Stall> stallAfterPublishing = new ConcurrentHashMap<>();

    volatile boolean down;
    volatile String refusalMessage = "the unit already has an active contract";

    private final Map<String, List<String>> versions = new ConcurrentHashMap<>();

    /** A stall of one caller: {@code reached} opens when it is held, the test opens {@code resume}. */
    record Stall(CountDownLatch reached, CountDownLatch resume) {

        Stall() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }
    }

    @Override
    public void configure() {
        from(HubEndpoints.PUBLISH)
                .routeId("stand-in-hub")
                .errorHandler(noErrorHandler())
                .process(this::publish);
    }

    /** This hub's {@code direct:publish} for one more Camel context (another hub instance): same versions, same calls. */
    RouteBuilder anotherInstance() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(HubEndpoints.PUBLISH)
                        .routeId("stand-in-hub")
                        .errorHandler(noErrorHandler())
                        .process(StandInHub.this::publish);
            }
        };
    }

    private void publish(Exchange exchange) throws Exception {
        CanonicalRecord record = exchange.getMessage().getBody(CanonicalRecord.class);
        String agency = exchange.getMessage().getHeader(HubHeaders.AGENCY, String.class);
        String sourceRef = exchange.getMessage().getHeader(HubHeaders.SOURCE_REF, String.class);
        String payload = JSON.writeValueAsString(record.payload());
        if (down || downOnceFor.remove(sourceRef)) {
            calls.add(new Call(agency, sourceRef, record.type(), record.id(), payload, null));
            throw new IllegalStateException("hub database unavailable");
        }
        if (refusedIds.contains(record.id())) {
            calls.add(new Call(agency, sourceRef, record.type(), record.id(), payload, null));
            throw new RecordRefusedException("UNIT_HAS_ACTIVE_CONTRACT", refusalMessage);
        }
        PublishResult result;
        List<String> contents = versions.computeIfAbsent(record.type() + "/" + record.id(), key -> new ArrayList<>());
        synchronized (contents) {
            boolean repeat =
                    !contents.isEmpty() && contents.get(contents.size() - 1).equals(payload);
            if (!repeat) {
                contents.add(payload);
            }
            int version = contents.size();
            result = new PublishResult(
                    record.type(), record.id(), version, "R-" + record.id() + "-v" + version, !repeat);
        }
        calls.add(new Call(agency, sourceRef, record.type(), record.id(), payload, result));
        Stall stall = stallAfterPublishing.remove(sourceRef);
        if (stall != null) {
            stall.reached().countDown();
            if (!stall.resume().await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let " + sourceRef + " go");
            }
        }
        exchange.getMessage().setBody(result);
    }

    List<Call> published() {
        return calls.stream().filter(call -> call.result() != null).toList();
    }

    /** How many versions the hub holds of each record, by {@code type/id}. */
    Map<String, Integer> versionCounts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        versions.forEach((key, contents) -> counts.put(key, contents.size()));
        return counts;
    }

    List<String> publishedSourceRefs() {
        return published().stream().map(Call::sourceRef).toList();
    }
}
