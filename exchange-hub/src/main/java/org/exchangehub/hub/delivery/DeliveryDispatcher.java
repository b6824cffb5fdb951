package org.exchangehub.hub.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.hub.notary.NotaryStore;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.notary.RecordLog;
import org.exchangehub.hub.policy.AccessPolicy;
import org.exchangehub.hub.policy.FieldMasking;
import org.exchangehub.hub.policy.Operation;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands each push receiver the records of its subscribed types from the record log, in log order, through its
 * outbound route: a round leases the receiver's cursor (one round at a time across hub instances), sends the records
 * after the cursor up to the anchored prefix (so each carries a complete receipt) and moves the cursor past each one
 * the route acknowledged. Nothing is written per record on the anchoring path, and nothing per delivered record but
 * the cursor's position.
 *
 * <p>A send that fails gets a failure row and the cursor moves on, so one bad record or a slow receiver's error does
 * not hold the others back; the row is retried after an exponentially growing wait, and after the last attempt it is
 * DEAD: a dead letter, replayable. Per-record order: a later version of a record whose older version is RETRYING or
 * WAITING is not sent but gets a WAITING row and goes, from that row, only after the older one (a row rather than
 * holding the cursor, so other records go on). One worker per receiver at a time, so a slow or down receiver delays
 * only itself; deliveries to a receiver whose route is not running wait, without using up attempts.
 *
 * <p>Fenced (ADR 13): each round holds the receiver's lease under a holder id ({@code <instance>#<round>}) and a fence
 * (one more on every take). Every send starts with at least nine tenths of {@code hub.delivery.lease} ahead of it (the
 * lease is extended before it unless the previous change just did), and every change the round makes afterwards is
 * fenced by the lease: a round whose send outlived the lease, while another round took the cursor over, changes
 * nothing and ends; the new holder sends that delivery again, with the same id.
 */
@Component
public class DeliveryDispatcher implements DisposableBean, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore store;
    private final DeliveryProperties properties;
    private final RecordStore records;
    private final Receipts receipts;
    private final RecordLog recordLog;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final Clock clock;
    private final AccessPolicy policy;
    private final FieldMasking masking;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Set<String> reportedUnconnected = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "hub-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running = true;
    /** This dispatcher's part of its rounds' holder ids: tells hub instances (and contexts in one JVM) apart. */
    private final String instance =
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private final AtomicLong rounds = new AtomicLong();

    DeliveryDispatcher(
            DeliveryStore store,
            DeliveryProperties properties,
            RecordStore records,
            Receipts receipts,
            RecordLog recordLog,
            CamelContext camel,
            ObjectMapper json,
            Clock clock,
            AccessPolicy policy,
            FieldMasking masking) {
        properties
                .subscriptions()
                .forEach((receiver, subscription) -> subscription.types().stream()
                        .filter(type -> !policy.allows(receiver, Operation.READ, type))
                        .findFirst()
                        .ifPresent(type -> {
                            throw new IllegalStateException(
                                    "hub.delivery.subscriptions." + receiver + ".types includes "
                                            + type + ", but the policy does not let " + receiver + " read it: add it to"
                                            + " hub.policy.agencies." + receiver + ".read or drop the subscription");
                        }));
        this.policy = policy;
        this.masking = masking;
        this.store = store;
        this.properties = properties;
        this.records = records;
        this.receipts = receipts;
        this.recordLog = recordLog;
        this.camel = camel;
        this.producer = camel.createProducerTemplate();
        this.json = json;
        this.clock = clock;
    }

    /**
     * Gives every push receiver without a cursor one, at the anchored prefix: a receiver subscribed after records were
     * anchored gets those anchored from now on (as in wave 1, where delivery rows were written at anchoring for the
     * receivers subscribed then). At startup, not at its first round, so a receiver whose route is not up yet still
     * gets what is anchored meanwhile.
     */
    @Override
    public void afterSingletonsInstantiated() {
        properties.pushEndpoints().keySet().forEach(this::startCursor);
    }

    private void startCursor(String receiver) {
        if (store.cursor(receiver).isEmpty() && store.createCursor(receiver, recordLog.anchoredThrough())) {
            log.info(
                    "Deliveries to '{}' start after log position {}",
                    receiver,
                    store.cursor(receiver).map(DeliveryStore.Cursor::position).orElse(-1L));
        }
    }

    @Scheduled(fixedDelayString = "${hub.delivery.interval:500ms}")
    void onSchedule() {
        if (!properties.enabled() || !running) {
            return;
        }
        properties.pushEndpoints().forEach((receiver, endpoint) -> {
            if (connected(receiver, endpoint) && busy.add(receiver)) {
                workers.execute(() -> {
                    try {
                        dispatch(receiver);
                    } catch (RuntimeException e) {
                        log.error("Delivery round for {} failed; it is retried on the next round", receiver, e);
                    } finally {
                        busy.remove(receiver);
                    }
                });
            }
        });
    }

    /**
     * One round for {@code receiver}: retries its failure rows that are due, then follows its cursor to the anchored
     * prefix. Does nothing when another round (here or on another hub instance) holds the receiver's cursor.
     *
     * @return how many were delivered
     */
    public int dispatch(String receiver) {
        String endpoint = properties.pushEndpoints().get(receiver);
        if (endpoint == null || !connected(receiver, endpoint)) {
            return 0;
        }
        startCursor(receiver);
        Instant now = clock.instant();
        Instant until = now.plus(properties.lease());
        Optional<DeliveryStore.Lease> lease =
                store.lease(receiver, instance + "#" + rounds.incrementAndGet(), now, until);
        if (lease.isEmpty()) {
            return 0;
        }
        if (lease.get().takenFrom() != null) {
            log.info(
                    "Delivery round {} took over the cursor of {} from {}, whose lease had expired (fence now {})",
                    lease.get().holder(),
                    receiver,
                    lease.get().takenFrom(),
                    lease.get().fence());
        }
        Round round = new Round(lease.get(), endpoint, until);
        try {
            round.retryDue();
            if (!round.stopped) {
                round.followCursor();
            }
            return round.delivered;
        } finally {
            store.release(lease.get());
        }
    }

    /** This dispatcher's instance id, the first part of its rounds' holder ids. */
    String instance() {
        return instance;
    }

    /** One round's work under one lease. */
    private final class Round {
        final DeliveryStore.Lease lease;
        final String receiver;
        final String endpoint;
        final Set<RecordType> types;
        int delivered;
        /** set when the round should end: a send failed (leave the rest for later), the lease is lost, or stopping */
        boolean stopped;
        /** set when the lease turned out to be another round's: nothing more is written */
        boolean lost;
        /** until when the lease was last extended by this round */
        Instant heldUntil;
        /** deliveries the receiver acknowledged that the cursor has not been moved past yet: counted once it has */
        int acknowledged;

        Round(DeliveryStore.Lease lease, String endpoint, Instant heldUntil) {
            this.lease = lease;
            this.receiver = lease.receiver();
            this.endpoint = endpoint;
            this.types = properties.subscriptions().get(receiver).types();
            this.heldUntil = heldUntil;
        }

        Instant leaseUntil() {
            return clock.instant().plus(properties.lease());
        }

        /**
         * Whether the lease covers a send about to start: it does when at least nine tenths of it are ahead (the
         * previous change extended it a moment ago), else it is extended now; false (round lost, nothing sent) when it
         * is no longer this round's.
         */
        boolean coversSend(String deliveryId) {
            Duration lease = properties.lease();
            if (Duration.between(clock.instant(), heldUntil).compareTo(lease.minus(lease.dividedBy(10))) >= 0) {
                return true;
            }
            Instant until = leaseUntil();
            if (store.holds(this.lease, until)) {
                heldUntil = until;
                return true;
            }
            lost("send", deliveryId);
            return false;
        }

        /** The lease is another round's: say so, and end this round without writing anything more. */
        void lost(String change, String deliveryId) {
            lost = true;
            stopped = true;
            log.warn(
                    "Delivery round {} (fence {}) of {} lost its lease before it could {} {}: nothing changed; the round"
                            + " holding the lease now does it (the receiver may get {} twice, with the same id)",
                    lease.holder(),
                    lease.fence(),
                    receiver,
                    change,
                    deliveryId,
                    deliveryId);
        }

        /** Handles what a fenced change did; true when it was done. */
        boolean changed(DeliveryStore.Change change, Instant until, String what, String deliveryId) {
            switch (change) {
                case DONE -> {
                    heldUntil = until;
                    return true;
                }
                case LEASE_LOST -> lost(what, deliveryId);
                case NOT_OPEN ->
                    log.warn(
                            "Delivery {} to {} was no longer RETRYING or WAITING when round {} came to {} it: left as it is",
                            deliveryId,
                            receiver,
                            lease.holder(),
                            what);
            }
            return false;
        }

        /** Retries due failure rows, oldest record first, page by page (a delivered one may let a WAITING one go). */
        void retryDue() {
            while (running && !stopped) {
                List<DeliveryStore.Failure> due = store.dueFailures(receiver, clock.instant(), properties.batchSize());
                if (due.isEmpty()) {
                    return;
                }
                Map<Long, Sendable> sendable =
                        sendable(due.stream().map(DeliveryStore.Failure::seq).toList());
                boolean failed = false;
                for (DeliveryStore.Failure failure : due) {
                    if (!running) {
                        stopped = true;
                        return;
                    }
                    if (!coversSend(failure.deliveryId())) {
                        return;
                    }
                    Optional<String> error = send(failure.deliveryId(), sendable.get(failure.seq()));
                    if (error.isEmpty()) {
                        Instant until = leaseUntil();
                        if (changed(
                                store.markDelivered(lease, failure.deliveryId(), clock.instant(), until),
                                until,
                                "mark DELIVERED",
                                failure.deliveryId())) {
                            delivered++;
                        }
                    } else {
                        failedAgain(failure, error.get());
                        failed = true;
                    }
                    if (lost) {
                        return;
                    }
                }
                // a failing receiver: leave the rest to the next round instead of hammering it
                stopped = failed;
            }
        }

        /**
         * Sends the records after the cursor up to the anchored prefix, moving the cursor past each acknowledged one
         * (saved every {@code advance-every} acknowledgements, and before a failure row, at a page's end and when the
         * round stops).
         */
        void followCursor() {
            long position = lease.position();
            long saved = position;
            int unsaved = 0;
            try {
                while (running && !stopped) {
                    List<NotaryStore.LogEntry> page =
                            recordLog.after(types, position, recordLog.anchoredThrough(), properties.batchSize());
                    if (page.isEmpty()) {
                        return;
                    }
                    Set<String> held = store.heldRecords(receiver);
                    Set<Long> hasRow = store.failedSeqs(
                            receiver,
                            page.get(0).position(),
                            page.get(page.size() - 1).position());
                    Map<Long, Sendable> sendable = sendable(
                            page.stream().map(NotaryStore.LogEntry::seq).toList());
                    boolean failed = false;
                    for (NotaryStore.LogEntry entry : page) {
                        if (!running) {
                            stopped = true;
                            return;
                        }
                        String deliveryId = DeliveryStore.deliveryId(receiver, entry.seq());
                        Sendable version = sendable.get(entry.seq());
                        String key = entry.recordType() + "/" + (version == null ? "" : version.recordId());
                        if (hasRow.contains(entry.seq())) {
                            // its failure row (moved from wave 1, or left by a round that lost its lease) carries it
                        } else if (held.contains(key)) {
                            if (!recordFailure(entry, version, DeliveryStore.WAITING, 0, null)) {
                                return;
                            }
                            saved = entry.position();
                            unsaved = 0;
                        } else {
                            if (!coversSend(deliveryId)) {
                                return;
                            }
                            Optional<String> error = send(deliveryId, version);
                            if (error.isEmpty()) {
                                acknowledged++;
                            } else {
                                boolean dead = properties.maxAttempts() <= 1;
                                if (!recordFailure(
                                        entry,
                                        version,
                                        dead ? DeliveryStore.DEAD : DeliveryStore.RETRYING,
                                        1,
                                        error.get())) {
                                    return;
                                }
                                saved = entry.position();
                                unsaved = 0;
                                held.add(key);
                                failed = true;
                                logFailure(deliveryId, entry.recordType(), version, 1, error.get());
                            }
                        }
                        position = entry.position();
                        if (position > saved && ++unsaved >= properties.advanceEvery()) {
                            if (!save(position, deliveryId)) {
                                return;
                            }
                            saved = position;
                            unsaved = 0;
                        }
                    }
                    if (saved < position) {
                        if (!save(position, "the deliveries up to log position " + position)) {
                            return;
                        }
                        saved = position;
                        unsaved = 0;
                    }
                    // a failing receiver: leave the rest to the next round instead of hammering it
                    stopped = failed;
                }
            } finally {
                if (saved < position && !lost) {
                    save(position, "the deliveries up to log position " + position);
                }
            }
        }

        /**
         * Saves the cursor's position (past {@code deliveryId}) while the lease is this round's; false (round stopped,
         * nothing changed) when it is not.
         */
        boolean save(long position, String deliveryId) {
            Instant until = leaseUntil();
            if (store.advance(lease, position, until)) {
                heldUntil = until;
                delivered += acknowledged;
                acknowledged = 0;
                return true;
            }
            lost("move the cursor past", deliveryId);
            return false;
        }

        /**
         * Writes a failure row and moves the cursor past its record in one transaction, only while the lease is this
         * round's; false (nothing written, round stopped) when it is not.
         */
        boolean recordFailure(NotaryStore.LogEntry entry, Sendable version, String state, int attempts, String error) {
            Instant now = clock.instant();
            DeliveryStore.Failure failure = new DeliveryStore.Failure(
                    DeliveryStore.deliveryId(receiver, entry.seq()),
                    receiver,
                    entry.seq(),
                    entry.position(),
                    entry.recordType(),
                    version == null ? "?" : version.recordId(),
                    state,
                    attempts);
            Instant next = attempts == 0 ? now : now.plus(properties.backoffAfter(attempts));
            Instant until = leaseUntil();
            if (!changed(
                    store.recordFailure(lease, failure, next, error, now, until),
                    until,
                    "record " + state + " and move the cursor past",
                    failure.deliveryId())) {
                return false;
            }
            delivered += acknowledged;
            acknowledged = 0;
            return true;
        }

        void failedAgain(DeliveryStore.Failure failure, String error) {
            int failures = failure.attempts() + 1;
            Instant now = clock.instant();
            Instant until = leaseUntil();
            boolean dead = failures >= properties.maxAttempts();
            DeliveryStore.Change change = dead
                    ? store.park(lease, failure.deliveryId(), failures, error, now, until)
                    : store.markRetry(
                            lease, failure.deliveryId(), error, now.plus(properties.backoffAfter(failures)), until);
            if (changed(change, until, dead ? "park as DEAD" : "count a failed retry of", failure.deliveryId())) {
                logFailure(failure.deliveryId(), failure.recordType(), null, failures, error);
            }
        }

        void logFailure(String deliveryId, String recordType, Sendable version, int failures, String error) {
            if (failures >= properties.maxAttempts()) {
                log.warn(
                        "Delivery {} of {}{} to {} parked as a dead letter after {} attempts: {}",
                        deliveryId,
                        recordType,
                        version == null ? "" : "/" + version.recordId(),
                        receiver,
                        failures,
                        error);
            } else {
                log.info(
                        "Delivery {} to {} failed (attempt {}), retried in {}: {}",
                        deliveryId,
                        receiver,
                        failures,
                        properties.backoffAfter(failures),
                        error);
            }
        }

        /** Hands one delivery to the receiver's route; the error when it did not take it. */
        Optional<String> send(String deliveryId, Sendable version) {
            try {
                if (version == null) {
                    throw new IllegalStateException("the record version of " + deliveryId + " is gone");
                }
                ObjectNode envelope = policy.masked(receiver)
                        ? masking.mask(version.record().envelope())
                        : version.record().envelope();
                Delivery body = new Delivery(deliveryId, receiver, envelope, version.receipt());
                Map<String, Object> headers = new HashMap<>();
                headers.put(HubHeaders.DELIVERY_ID, deliveryId);
                headers.put(HubHeaders.RECEIVER, receiver);
                long started = System.nanoTime();
                try {
                    producer.requestBodyAndHeaders(endpoint, body, headers);
                } finally {
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    if (took.compareTo(properties.lease()) > 0) {
                        log.warn(
                                "Delivery {} to {} took {} ms, longer than hub.delivery.lease ({}): another round may"
                                        + " have taken the cursor over and sent it again; keep the lease above the"
                                        + " receiver's read timeout",
                                deliveryId,
                                receiver,
                                took.toMillis(),
                                properties.lease());
                    }
                }
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of(describe(e));
            }
        }
    }

    /** A record version ready to go: its envelope and its receipt. */
    private record Sendable(StoredRecord record, JsonNode receipt) {
        String recordId() {
            return record.id();
        }
    }

    /** The versions and receipts of a page, a few queries for all of them, by sequence number. */
    private Map<Long, Sendable> sendable(List<Long> seqs) {
        List<StoredRecord> versions = records.bySeqs(seqs);
        List<Receipt> issued = receipts.ofAll(versions);
        Map<Long, Sendable> bySeq = new HashMap<>();
        for (int i = 0; i < versions.size(); i++) {
            bySeq.put(versions.get(i).seq(), new Sendable(versions.get(i), json.valueToTree(issued.get(i))));
        }
        return bySeq;
    }

    /** Whether a route consumes the receiver's endpoint; says once when not, so the operator knows why they wait. */
    private boolean connected(String receiver, String endpointUri) {
        if (!camel.isStarted()) {
            return false; // routes are still starting: not a reason to warn
        }
        Endpoint endpoint = camel.hasEndpoint(endpointUri);
        boolean connected = endpoint != null
                && camel.getRoutes().stream()
                        .anyMatch(route -> route.getEndpoint() == endpoint
                                && camel.getRouteController()
                                        .getRouteStatus(route.getRouteId())
                                        .isStarted());
        if (!connected && reportedUnconnected.add(receiver)) {
            log.warn(
                    "Deliveries to '{}' wait: no route consumes {} (configure the agency's adapter, see README)",
                    receiver,
                    endpointUri);
        } else if (connected) {
            reportedUnconnected.remove(receiver);
        }
        return connected;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 1500; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    /**
     * The hub is stopping: before the web server, the Camel routes the deliveries go through and the database stop
     * (ContextClosedEvent comes first), no round starts any more and the rounds under way finish the deliveries they
     * claimed. Cut off in the middle, a delivery would count as a failed attempt or end on a closed connection.
     * Deliveries claimed but not attempted are due again after their lease.
     */
    @EventListener(ContextClosedEvent.class)
    void onStop() {
        running = false;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(properties.lease().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "Delivery rounds still running after {}; their deliveries are due again after the lease",
                        properties.lease());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
