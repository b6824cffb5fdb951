package org.exchangehub.hub.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.hub.notary.BatchAnchored;
import org.exchangehub.hub.notary.NotaryStore;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.notary.RecordLog;
import org.exchangehub.hub.policy.AccessPolicy;
import org.exchangehub.hub.policy.FieldMasking;
import org.exchangehub.hub.policy.Operation;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues a delivery per anchored record and push subscriber (in the anchoring transaction), and hands due deliveries
 * to each receiver's outbound route: one worker per receiver at a time, so a slow or down receiver delays only itself.
 * A failed attempt is retried after an exponentially growing wait; after the last attempt the delivery is parked in
 * the dead-letter table. Deliveries to a receiver whose route is not running wait, without using up attempts.
 */
@Component
public class DeliveryDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore store;
    private final DeliveryProperties properties;
    private final RecordStore records;
    private final Receipts receipts;
    private final RecordLog recordLog;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
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

    DeliveryDispatcher(
            DeliveryStore store,
            DeliveryProperties properties,
            RecordStore records,
            Receipts receipts,
            RecordLog recordLog,
            CamelContext camel,
            ObjectMapper json,
            PlatformTransactionManager transactionManager,
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
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Runs inside the anchoring transaction: the deliveries commit with the anchor, or neither does. */
    @EventListener
    void onBatchAnchored(BatchAnchored anchored) {
        Instant now = clock.instant();
        List<DeliveryStore.AnchoredRecord> records = null;
        for (Map.Entry<String, DeliveryProperties.Subscription> entry :
                properties.subscriptions().entrySet()) {
            DeliveryProperties.Subscription subscription = entry.getValue();
            if (subscription.mode() != DeliveryProperties.Mode.PUSH
                    || subscription.types().isEmpty()) {
                continue;
            }
            if (records == null) {
                records = anchoredRecords(anchored);
            }
            Set<String> types = subscription.types().stream().map(Enum::name).collect(Collectors.toSet());
            store.enqueue(
                    entry.getKey(),
                    records.stream().filter(r -> types.contains(r.recordType())).toList(),
                    now);
        }
    }

    /** The record versions of an anchored batch, in log order. */
    private List<DeliveryStore.AnchoredRecord> anchoredRecords(BatchAnchored anchored) {
        List<NotaryStore.LogEntry> entries =
                recordLog.between(anchored.firstPosition(), anchored.firstPosition() + anchored.leafCount() - 1);
        Map<Long, String> ids = this.records.recordIds(
                entries.stream().map(NotaryStore.LogEntry::seq).toList());
        return entries.stream()
                .map(e -> new DeliveryStore.AnchoredRecord(e.seq(), e.recordType(), ids.get(e.seq())))
                .toList();
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
     * Delivers every delivery to {@code receiver} that is due now, in rounds of {@code batchSize}.
     *
     * @return how many were delivered
     */
    public int dispatch(String receiver) {
        String endpoint = properties.pushEndpoints().get(receiver);
        if (endpoint == null || !connected(receiver, endpoint)) {
            return 0;
        }
        int delivered = 0;
        // once stopping, the round ends after the deliveries it claimed: the rest stay due for the next start
        while (running) {
            Instant now = clock.instant();
            List<DeliveryStore.Delivery> claimed = transactions.execute(
                    status -> store.claimDue(receiver, properties.batchSize(), now, now.plus(properties.lease())));
            if (claimed == null || claimed.isEmpty()) {
                return delivered;
            }
            int failed = 0;
            for (DeliveryStore.Delivery delivery : claimed) {
                if (attempt(delivery, endpoint)) {
                    delivered++;
                } else {
                    failed++;
                }
            }
            if (failed > 0) {
                // a failing receiver: leave the rest to the next round instead of hammering it
                return delivered;
            }
        }
        return delivered;
    }

    private boolean attempt(DeliveryStore.Delivery delivery, String endpoint) {
        try {
            StoredRecord record = records.bySeq(delivery.seq())
                    .orElseThrow(() -> new IllegalStateException("record seq " + delivery.seq() + " is gone"));
            JsonNode receipt = json.valueToTree(receipts.of(record));
            ObjectNode envelope =
                    policy.masked(delivery.receiver()) ? masking.mask(record.envelope()) : record.envelope();
            Delivery body = new Delivery(delivery.deliveryId(), delivery.receiver(), envelope, receipt);
            Map<String, Object> headers = new HashMap<>();
            headers.put(HubHeaders.DELIVERY_ID, delivery.deliveryId());
            headers.put(HubHeaders.RECEIVER, delivery.receiver());
            producer.requestBodyAndHeaders(endpoint, body, headers);
            transactions.executeWithoutResult(status -> store.markDelivered(delivery.deliveryId(), clock.instant()));
            return true;
        } catch (RuntimeException e) {
            failed(delivery, describe(e));
            return false;
        }
    }

    private void failed(DeliveryStore.Delivery delivery, String error) {
        int failures = delivery.attempts() + 1;
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            if (failures >= properties.maxAttempts()) {
                store.park(delivery, error, now);
            } else {
                store.markRetry(delivery.deliveryId(), error, now.plus(properties.backoffAfter(failures)));
            }
        });
        if (failures >= properties.maxAttempts()) {
            log.warn(
                    "Delivery {} of {}/{} to {} parked as a dead letter after {} attempts: {}",
                    delivery.deliveryId(),
                    delivery.recordType(),
                    delivery.recordId(),
                    delivery.receiver(),
                    failures,
                    error);
        } else {
            log.info(
                    "Delivery {} to {} failed (attempt {}), retried in {}: {}",
                    delivery.deliveryId(),
                    delivery.receiver(),
                    failures,
                    properties.backoffAfter(failures),
                    error);
        }
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
