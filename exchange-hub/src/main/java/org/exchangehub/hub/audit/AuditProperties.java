package org.exchangehub.hub.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the audit log is chained and anchored: {@code hub.audit.*}. Entries are always recorded and always chained;
 * these settings say how often pending entries are chained and when the chain head goes to the ledger.
 *
 * @param anchorEveryEntries anchor once this many entries are unanchored
 * @param anchorInterval anchor when the oldest unanchored entry is older than this (checked every second)
 * @param enabled whether the hub anchors on its own schedule (tests drive it by hand); chaining runs regardless
 * @param chainInterval how long the chainer waits between rounds; an entry is chained about this long after it was
 *     recorded (read by the schedule as {@code hub.audit.chain-interval})
 * @param chainBatch at most this many entries are chained per transaction (a round runs as many as it needs)
 */
@Validated
@ConfigurationProperties("hub.audit")
public record AuditProperties(
        @Min(1) @Max(1_000_000) @DefaultValue("1000") int anchorEveryEntries,
        @DefaultValue("60s") Duration anchorInterval,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200ms") Duration chainInterval,
        @Min(1) @Max(100_000) @DefaultValue("5000") int chainBatch) {}
