package org.exchangehub.hub.notary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How records are batched and anchored: {@code hub.notary.*}.
 *
 * @param batchSize the most leaves in one Merkle batch
 * @param interval how often pending records are sealed and sealed batches anchored
 * @param maxBackoff the longest wait between anchoring attempts while the ledger is down
 * @param enabled whether the hub notarizes on its own schedule (tests drive it by hand)
 * @param treeCacheSize how many batches' Merkle trees are kept for receipts (~400 KB each at 4,096 leaves)
 */
@Validated
@ConfigurationProperties("hub.notary")
public record NotaryProperties(
        @Min(1) @Max(1_000_000) @DefaultValue("4096") int batchSize,
        @DefaultValue("200ms") Duration interval,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(10_000) @DefaultValue("32") int treeCacheSize) {}
