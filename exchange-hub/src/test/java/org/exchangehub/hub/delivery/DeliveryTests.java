package org.exchangehub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.hub.exchange.HubClient;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Guaranteed delivery through a real Camel route standing in for a receiver's outbound route: only after anchoring,
 * with the receipt, in order per record, retried, parked as a dead letter, replayed through the same route. The test
 * drives notarization and dispatch by hand.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.notary.enabled=false",
            "hub.delivery.enabled=false",
            "hub.delivery.max-attempts=3",
            "hub.delivery.initial-backoff=0s",
            "hub.delivery.max-backoff=0s",
            "hub.delivery.subscriptions.tax.types=CONTRACT",
            "hub.delivery.subscriptions.registry.types=CONTRACT",
            "hub.delivery.subscriptions.housing.types=",
            "hub.delivery.subscriptions.portal.types=",
            "hub.delivery.subscriptions.auditor.types=CONTRACT",
            "hub.delivery.subscriptions.auditor.mode=PULL",
            "hub.policy.agencies.auditor.read=CONTRACT"
        })
@Import(DeliveryTests.Receivers.class)
abstract class DeliveryTests {

    /** A receiver standing in for the tax bureau's outbound route: records what it got, fails while told to. */
    static final class TaxReceiver extends RouteBuilder {
        final List<Delivery> received = new CopyOnWriteArrayList<>();
        final Map<String, Object> deliveryIdHeaders = new ConcurrentHashMap<>();
        final AtomicInteger failures = new AtomicInteger();
        final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();

        @Override
        public void configure() {
            from("direct:deliver-tax").routeId("test-deliver-tax").process(exchange -> {
                Delivery delivery = exchange.getMessage().getBody(Delivery.class);
                if (failing.contains(delivery.id())) {
                    failures.incrementAndGet();
                    throw new IllegalStateException("tax bureau answered 503 for " + delivery.id());
                }
                received.add(delivery);
                deliveryIdHeaders.put(
                        delivery.deliveryId(), exchange.getMessage().getHeader(HubHeaders.DELIVERY_ID));
            });
        }
    }

    @TestConfiguration
    static class Receivers {
        @Bean
        TaxReceiver taxReceiver() {
            return new TaxReceiver();
        }
    }

    @Autowired
    TaxReceiver tax;

    @Autowired
    RecordPublisher publisher;

    @Autowired
    NotaryBatcher batcher;

    @Autowired
    DeliveryDispatcher dispatcher;

    @Autowired
    DeliveryStore store;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    org.exchangehub.hub.notary.RecordLog recordLog;

    HubClient hub;
    static final AtomicInteger UNIQUE = new AtomicInteger();
    String suffix;

    @BeforeEach
    void reset() {
        hub = new HubClient(rest);
        suffix = "DL" + UNIQUE.incrementAndGet();
        tax.failing.clear();
        batcher.drain();
        dispatcher.dispatch("tax");
        tax.received.clear();
    }

    String publishContract(String contractNo, String status) {
        ObjectNode payload = Payloads.contract(contractNo, "FW-" + contractNo, status);
        if ("CHANGED".equals(status)) {
            payload.put("changeReason", "buyer added");
        }
        return publisher
                .publish("housing", new PublishRequest("CONTRACT", contractNo, null, payload))
                .record()
                .receiptId();
    }

    List<Delivery> receivedFor(String contractNo) {
        return tax.received.stream().filter(d -> d.id().equals(contractNo)).toList();
    }

    @Test
    void deliversOnlyAnchoredRecordsWithTheirReceiptAndDeliveryId() {
        String contractNo = "HT-" + suffix;
        String receiptId = publishContract(contractNo, "SIGNED");

        assertThat(dispatcher.dispatch("tax")).as("nothing before anchoring").isZero();
        batcher.drain();
        assertThat(dispatcher.dispatch("tax")).isEqualTo(1);

        Delivery delivery = receivedFor(contractNo).get(0);
        assertThat(delivery.receiver()).isEqualTo("tax");
        assertThat(delivery.type()).isEqualTo("CONTRACT");
        assertThat(delivery.version()).isEqualTo(1);
        assertThat(delivery.payload().path("houseCode").asText()).isEqualTo("FW-" + contractNo);
        assertThat(delivery.receipt().path("receiptId").asText()).isEqualTo(receiptId);
        assertThat(delivery.receipt().path("status").asText()).isEqualTo("ANCHORED");
        assertThat(delivery.receipt().path("proof").path("merkleRoot").asText()).hasSize(64);
        assertThat(delivery.receipt().path("ledger").path("transactionId").asText())
                .isNotBlank();
        assertThat(tax.deliveryIdHeaders.get(delivery.deliveryId())).isEqualTo(delivery.deliveryId());
        assertThat(store.delivery(delivery.deliveryId()).orElseThrow().state()).isEqualTo("DELIVERED");
        assertThat(dispatcher.dispatch("tax")).as("delivered once").isZero();
    }

    @Test
    void aReceiverWithoutARouteKeepsItsDeliveriesWaitingWithoutUsingAttempts() {
        String contractNo = "HT-" + suffix;
        publishContract(contractNo, "SIGNED");
        batcher.drain();

        assertThat(dispatcher.dispatch("registry")).isZero();

        DeliveryStore.Delivery waiting =
                store.delivery("d-registry-" + seqOf(contractNo)).orElseThrow();
        assertThat(waiting.state()).isEqualTo("PENDING");
        assertThat(waiting.attempts()).isZero();
    }

    @Test
    void pullSubscribersGetNothingQueued() {
        String contractNo = "HT-" + suffix;
        publishContract(contractNo, "SIGNED");
        batcher.drain();

        assertThat(store.delivery("d-auditor-" + seqOf(contractNo))).isEmpty();
        assertThat(store.delivery("d-tax-" + seqOf(contractNo))).isPresent();
    }

    @Test
    void aFailingReceiverIsRetriedThenParkedAndAReplayDeliversThroughTheSameRoute() {
        String contractNo = "HT-" + suffix;
        publishContract(contractNo, "SIGNED");
        batcher.drain();
        tax.failing.add(contractNo);

        for (int round = 0; round < 3; round++) {
            dispatcher.dispatch("tax");
        }

        String deliveryId = "d-tax-" + seqOf(contractNo);
        DeliveryStore.Delivery dead = store.delivery(deliveryId).orElseThrow();
        assertThat(dead.state()).isEqualTo("DEAD");
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(tax.failures.get()).isGreaterThanOrEqualTo(3);
        assertThat(receivedFor(contractNo)).isEmpty();

        ResponseEntity<JsonNode> listed = hub.get("/api/v1/dead-letters?receiver=tax");
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(listed.getBody().findValuesAsText("deliveryId")).contains(deliveryId);
        JsonNode letter = hub.get("/api/v1/dead-letters/" + deliveryId).getBody();
        assertThat(letter.path("error").asText()).contains("tax bureau answered 503 for " + contractNo);
        assertThat(letter.path("recordId").asText()).isEqualTo(contractNo);
        assertThat(dispatcher.dispatch("tax"))
                .as("a dead letter is not retried by itself")
                .isZero();

        tax.failing.clear();
        ResponseEntity<JsonNode> replayed = hub.post("/api/v1/dead-letters/" + deliveryId + "/replay", null, null);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(dispatcher.dispatch("tax")).isEqualTo(1);

        assertThat(receivedFor(contractNo)).hasSize(1);
        assertThat(receivedFor(contractNo).get(0).deliveryId()).isEqualTo(deliveryId);
        assertThat(store.delivery(deliveryId).orElseThrow().state()).isEqualTo("DELIVERED");
        JsonNode afterReplay = hub.get("/api/v1/dead-letters/" + deliveryId).getBody();
        assertThat(afterReplay.path("replays").asInt()).isEqualTo(1);
        assertThat(hub.get("/api/v1/dead-letters?receiver=tax").getBody().findValuesAsText("deliveryId"))
                .doesNotContain(deliveryId);
        ResponseEntity<JsonNode> again = hub.post("/api/v1/dead-letters/" + deliveryId + "/replay", null, null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().path("code").asText()).isEqualTo("DELIVERY_NOT_DEAD");
    }

    @Test
    void versionsOfOneRecordArriveInOrderEvenWhenTheFirstMustBeRetried() {
        String contractNo = "HT-" + suffix;
        publishContract(contractNo, "SIGNED");
        publishContract(contractNo, "CHANGED");
        batcher.drain();
        tax.failing.add(contractNo);

        dispatcher.dispatch("tax");
        assertThat(receivedFor(contractNo))
                .as("version 2 waits behind version 1")
                .isEmpty();

        tax.failing.clear();
        dispatcher.dispatch("tax");

        assertThat(receivedFor(contractNo)).extracting(Delivery::version).containsExactly(1, 2);
    }

    @Test
    void aLaterVersionWaitsBehindAFailedOneWhileOtherRecordsGoOn() {
        String failing = "HT-" + suffix + "A";
        String other = "HT-" + suffix + "B";
        publishContract(failing, "SIGNED");
        publishContract(failing, "CHANGED");
        publishContract(other, "SIGNED");
        batcher.drain();
        tax.failing.add(failing);
        int failuresBefore = tax.failures.get();

        dispatcher.dispatch("tax");

        assertThat(receivedFor(other))
                .as("the cursor moved on past the failure")
                .hasSize(1);
        assertThat(receivedFor(failing)).isEmpty();
        DeliveryStore.Delivery second =
                store.delivery("d-tax-" + seqOf(failing)).orElseThrow();
        assertThat(second.state()).as("version 2 waits").isEqualTo("PENDING");
        assertThat(second.attempts()).as("version 2 was not tried").isZero();
        assertThat(tax.failures.get() - failuresBefore)
                .as("only version 1 was tried")
                .isEqualTo(1);

        tax.failing.clear();
        assertThat(dispatcher.dispatch("tax")).isEqualTo(2);
        assertThat(receivedFor(failing)).extracting(Delivery::version).containsExactly(1, 2);
        assertThat(store.delivery("d-tax-" + seqOf(failing)).orElseThrow().state())
                .isEqualTo("DELIVERED");
    }

    @Test
    void aRoundThatLostItsLeaseCannotMoveTheCursor() {
        String contractNo = "HT-" + suffix;
        publishContract(contractNo, "SIGNED");
        batcher.drain();
        long position = recordLog.entryOf(seqOf(contractNo)).orElseThrow().position();
        java.time.Instant now = java.time.Instant.now();

        DeliveryStore.Lease stale =
                store.lease("tax", "stale", now, now.plusSeconds(30)).orElseThrow();
        assertThat(store.lease("tax", "other", now, now.plusSeconds(60)))
                .as("a lease in force is not taken")
                .isEmpty();
        assertThat(dispatcher.dispatch("tax"))
                .as("no round while another holds the cursor")
                .isZero();
        DeliveryStore.Lease taken = store.lease("tax", "taker", now.plusSeconds(31), now.plusSeconds(90))
                .orElseThrow(() -> new AssertionError("an expired lease is taken"));
        assertThat(taken.fence()).isGreaterThan(stale.fence());

        try {
            assertThat(store.advance(stale, position, now.plusSeconds(60))).isFalse();
            assertThat(store.holds(stale, now.plusSeconds(60))).isFalse();
            assertThat(store.cursor("tax").orElseThrow().position()).isLessThan(position);
            assertThat(store.delivery("d-tax-" + seqOf(contractNo))
                            .orElseThrow()
                            .state())
                    .isEqualTo("PENDING");

            assertThat(store.advance(taken, position, now.plusSeconds(60))).isTrue();
            assertThat(store.cursor("tax").orElseThrow().position()).isEqualTo(position);
        } finally {
            store.release(taken);
        }
        assertThat(store.delivery("d-tax-" + seqOf(contractNo)).orElseThrow().state())
                .isEqualTo("DELIVERED");
    }

    /** A failure row for a fresh contract: its first send to tax failed, so it is RETRYING with one attempt. */
    String retryingDelivery(String contractNo) {
        publishContract(contractNo, "SIGNED");
        batcher.drain();
        tax.failing.add(contractNo);
        dispatcher.dispatch("tax");
        tax.failing.remove(contractNo);
        String deliveryId = "d-tax-" + seqOf(contractNo);
        assertThat(failureRow(deliveryId)).containsExactly("RETRYING", 1);
        return deliveryId;
    }

    List<Object> failureRow(String deliveryId) {
        return jdbc.sql("SELECT state, attempts FROM delivery_failure WHERE delivery_id = ?")
                .param(deliveryId)
                .query((rs, n) -> List.<Object>of(rs.getString(1), rs.getInt(2)))
                .single();
    }

    @Test
    void aRoundThatLostItsLeaseChangesNoFailureRow() {
        String deliveryId = retryingDelivery("HT-" + suffix);
        java.time.Instant now = java.time.Instant.now();
        DeliveryStore.Lease stale =
                store.lease("tax", "stale", now, now.plusSeconds(30)).orElseThrow();
        DeliveryStore.Lease taken = store.lease("tax", "taker", now.plusSeconds(31), now.plusSeconds(90))
                .orElseThrow(() -> new AssertionError("an expired lease is taken"));
        assertThat(taken.takenFrom()).as("whose lease was taken over").isEqualTo("stale");
        try {
            java.time.Instant later = now.plusSeconds(60);
            assertThat(store.park(stale, deliveryId, 8, "timed out", now, later))
                    .isEqualTo(DeliveryStore.Change.LEASE_LOST);
            assertThat(store.markRetry(stale, deliveryId, "timed out", now, later))
                    .isEqualTo(DeliveryStore.Change.LEASE_LOST);
            assertThat(store.markDelivered(stale, deliveryId, now, later)).isEqualTo(DeliveryStore.Change.LEASE_LOST);
            assertThat(failureRow(deliveryId)).as("unchanged").containsExactly("RETRYING", 1);

            assertThat(store.markDelivered(taken, deliveryId, now, later)).isEqualTo(DeliveryStore.Change.DONE);
            assertThat(failureRow(deliveryId)).containsExactly("DELIVERED", 2);
            assertThat(jdbc.sql("SELECT fence FROM delivery_failure WHERE delivery_id = ?")
                            .param(deliveryId)
                            .query(Long.class)
                            .single())
                    .as("the row names the fence it was last written under")
                    .isEqualTo(taken.fence());
        } finally {
            store.release(taken);
        }
    }

    @Test
    void aDeliveredDeliveryNeverBecomesDeadOrRetryingAgain() {
        String deliveryId = retryingDelivery("HT-" + suffix);
        assertThat(dispatcher.dispatch("tax")).isEqualTo(1);
        assertThat(failureRow(deliveryId)).containsExactly("DELIVERED", 2);

        java.time.Instant now = java.time.Instant.now();
        DeliveryStore.Lease lease =
                store.lease("tax", "holder", now, now.plusSeconds(30)).orElseThrow();
        try {
            assertThat(store.park(lease, deliveryId, 8, "late timeout", now, now.plusSeconds(30)))
                    .isEqualTo(DeliveryStore.Change.NOT_OPEN);
            assertThat(store.markRetry(lease, deliveryId, "late timeout", now, now.plusSeconds(30)))
                    .isEqualTo(DeliveryStore.Change.NOT_OPEN);
        } finally {
            store.release(lease);
        }
        assertThat(store.replay(deliveryId, now))
                .as("only a DEAD one is replayed")
                .isFalse();
        for (String state : List.of("DEAD", "RETRYING", "WAITING")) {
            assertThatThrownBy(() -> jdbc.sql("UPDATE delivery_failure SET state = ? WHERE delivery_id = ?")
                            .params(state, deliveryId)
                            .update())
                    .as("the table itself refuses %s for a delivered row", state)
                    .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        }
        assertThat(failureRow(deliveryId)).containsExactly("DELIVERED", 2);
        assertThat(store.delivery(deliveryId).orElseThrow().state()).isEqualTo("DELIVERED");
    }

    @Test
    void aReceiverSubscribedAfterRecordsWereAnchoredStartsAtTheAnchoredEnd() {
        String before = "HT-" + suffix + "A";
        publishContract(before, "SIGNED");
        batcher.drain();
        // registry subscribed only now: as if its cursor had never been made
        jdbc.sql("DELETE FROM delivery_cursor WHERE receiver = 'registry'").update();

        dispatcher.afterSingletonsInstantiated();

        assertThat(store.delivery("d-registry-" + seqOf(before)))
                .as("anchored before it was subscribed: not for it")
                .isEmpty();
        String after = "HT-" + suffix + "B";
        publishContract(after, "SIGNED");
        batcher.drain();
        assertThat(store.delivery("d-registry-" + seqOf(after)).orElseThrow().state())
                .isEqualTo("PENDING");
    }

    @Test
    void replayingAllOfAReceiverReplaysEachDeadLetter() {
        String first = "HT-" + suffix + "A";
        String second = "HT-" + suffix + "B";
        publishContract(first, "SIGNED");
        publishContract(second, "SIGNED");
        batcher.drain();
        tax.failing.addAll(List.of(first, second));
        for (int round = 0; round < 3; round++) {
            dispatcher.dispatch("tax");
        }
        tax.failing.clear();

        ResponseEntity<JsonNode> replayed = hub.post("/api/v1/dead-letters/replay?receiver=tax", null, null);

        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        List<String> ids = new java.util.ArrayList<>();
        replayed.getBody().path("deliveryIds").forEach(id -> ids.add(id.asText()));
        assertThat(ids).containsExactlyInAnyOrder("d-tax-" + seqOf(first), "d-tax-" + seqOf(second));
        dispatcher.dispatch("tax");
        assertThat(receivedFor(first)).hasSize(1);
        assertThat(receivedFor(second)).hasSize(1);
    }

    @Test
    void deadLetterRefusalsAreProblemDetails() {
        ResponseEntity<JsonNode> unknown = hub.get("/api/v1/dead-letters/d-tax-999999999");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown.getBody().path("code").asText()).isEqualTo("DEAD_LETTER_NOT_FOUND");

        String contractNo = "HT-" + suffix;
        publishContract(contractNo, "SIGNED");
        batcher.drain();
        dispatcher.dispatch("tax");
        String delivered = "d-tax-" + seqOf(contractNo);
        ResponseEntity<JsonNode> notDead = hub.post("/api/v1/dead-letters/" + delivered + "/replay", null, null);
        assertThat(notDead.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(notDead.getBody().path("code").asText()).isEqualTo("DEAD_LETTER_NOT_FOUND");

        ResponseEntity<JsonNode> noReceiver = hub.post("/api/v1/dead-letters/replay?receiver=nobody", null, null);
        assertThat(noReceiver.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(noReceiver.getBody().path("code").asText()).isEqualTo("RECEIVER_UNKNOWN");
        assertThat(store.delivery(delivered).orElseThrow().state()).isEqualTo("DELIVERED");
    }

    @Test
    void countsPerReceiverSayWhatIsDeliveredWaitingAndDead() {
        String contractNo = "HT-" + suffix;
        publishContract(contractNo, "SIGNED");
        batcher.drain();
        dispatcher.dispatch("tax");

        JsonNode counts = hub.get("/api/v1/deliveries").getBody();

        JsonNode taxCounts = findReceiver(counts, "tax");
        JsonNode registryCounts = findReceiver(counts, "registry");
        assertThat(taxCounts.path("delivered").asLong()).isPositive();
        assertThat(registryCounts.path("pending").asLong()).isPositive();
    }

    private static JsonNode findReceiver(JsonNode counts, String receiver) {
        for (JsonNode row : counts) {
            if (row.path("receiver").asText().equals(receiver)) {
                return row;
            }
        }
        throw new AssertionError("no counts for " + receiver + " in " + counts);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long seqOf(String contractNo) {
        return jdbc.sql("SELECT MAX(seq) FROM record_version WHERE record_type = 'CONTRACT' AND record_id = ?")
                .param(contractNo)
                .query(Long.class)
                .single();
    }
}
