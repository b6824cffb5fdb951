package org.exchangehub.hub.delivery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.hub.record.RecordType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who receives what, and how hard the hub tries: {@code hub.delivery.*}.
 *
 * @param enabled whether the dispatcher runs on its own schedule (tests may drive it by hand)
 * @param interval how often each push receiver gets a round (its due retries, then its cursor)
 * @param maxAttempts attempts before a delivery is parked as a dead letter (its failure row DEAD)
 * @param initialBackoff the wait after the first failed attempt; each further failure doubles it
 * @param maxBackoff the longest wait between attempts
 * @param lease how long a round holds a receiver's cursor without a write before another round (here or on another
 *     instance, or after a crash) may take it over (ADR 13). It is extended before every send (by the previous write
 *     when that was a moment ago), so it must cover one send: keep it above the receivers' read timeout. A send that
 *     outlives it may be repeated by the round that takes over, with the same delivery id, and the late round then
 *     changes nothing
 * @param batchSize the most records read from the log (or failure rows retried) for one receiver at a time
 * @param advanceEvery how many acknowledged deliveries the cursor's saved position may lag behind: 1 (default) saves
 *     it after each acknowledgement, so a crash re-sends at most the one delivery under way; n saves one write per n
 *     deliveries (on H2 each is a commit that writes the file), and a crash re-sends up to n, which receivers drop as
 *     duplicates by their delivery ids. The position is always saved before a failure row, at the end of a page and
 *     of a round
 * @param subscriptions per receiver (agency name): the record types it gets and whether they are pushed or pulled
 */
@Validated
@ConfigurationProperties("hub.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration interval,
        @Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("2m") Duration lease,
        @Min(1) @Max(10_000) @DefaultValue("200") int batchSize,
        @Min(1) @Max(10_000) @DefaultValue("1") int advanceEvery,
        Map<String, Subscription> subscriptions) {

    public DeliveryProperties {
        subscriptions = subscriptions == null ? Map.of() : Map.copyOf(new TreeMap<>(subscriptions));
    }

    /** How a receiver gets records: pushed to its outbound route, or pulled by it from the change feed. */
    public enum Mode {
        PUSH,
        PULL
    }

    /**
     * One receiver's subscription.
     *
     * @param types the record types it receives
     * @param mode PUSH (default): the hub delivers each anchored record to {@code endpoint}; PULL: the receiver reads
     *     the change feed ({@code GET /api/v1/feed/{type}}) and nothing is queued for it
     * @param endpoint the Camel endpoint of its outbound route; {@code direct:deliver-<receiver>} by default
     */
    public record Subscription(
            Set<RecordType> types, @DefaultValue("PUSH") Mode mode, String endpoint) {
        public Subscription {
            types = types == null ? Set.of() : Set.copyOf(types);
        }
    }

    /** The receivers that are pushed to, with their endpoints. */
    public Map<String, String> pushEndpoints() {
        Map<String, String> endpoints = new TreeMap<>();
        subscriptions.forEach((receiver, subscription) -> {
            if (subscription.mode() == Mode.PUSH && !subscription.types().isEmpty()) {
                endpoints.put(
                        receiver,
                        subscription.endpoint() == null
                                        || subscription.endpoint().isBlank()
                                ? HubEndpoints.deliver(receiver)
                                : subscription.endpoint());
            }
        });
        return endpoints;
    }

    /** The wait after {@code failedAttempts} failures: initial, doubled each time, at most {@code maxBackoff}. */
    public Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) < 0 ? wait : maxBackoff;
    }
}
