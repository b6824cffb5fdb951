package org.exchangehub.hub.notary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How records are batched and anchored: {@code hub.notary.*}.
 *
 * @param batchSize the most leaves in one Merkle batch
 * @param interval how often pending records are sealed, and how often sealed batches are looked for to anchor
 * @param maxBackoff the longest wait before a batch the ledger refused is tried again (a refusal is not an outage:
 *     the other batches go on)
 * @param enabled whether the hub notarizes on its own schedule (tests drive it by hand)
 * @param treeCacheSize how many batches' Merkle trees are kept for receipts (~400 KB each at 4,096 leaves)
 * @param lease how long a claim on a batch to anchor lasts: longer than the slowest ledger call (Fabric: endorse,
 *     submit and commit status, 80 s at their default timeouts); a batch claimed by an instance that died is taken
 *     over after it
 * @param probeInterval while the ledger is down, how often it is probed; the first probe that answers lets the
 *     pending batches be anchored at once
 */
@Validated
@ConfigurationProperties("hub.notary")
public record NotaryProperties(
        @Min(1) @Max(1_000_000) @DefaultValue("4096") int batchSize,
        @DefaultValue("200ms") Duration interval,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(10_000) @DefaultValue("32") int treeCacheSize,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("1s") Duration probeInterval) {

    @ConstructorBinding
    public NotaryProperties {}

    /** With the default lease (2 min) and probe interval (1 s). */
    public NotaryProperties(int batchSize, Duration interval, Duration maxBackoff, boolean enabled, int treeCacheSize) {
        this(batchSize, interval, maxBackoff, enabled, treeCacheSize, Duration.ofMinutes(2), Duration.ofSeconds(1));
    }
}
