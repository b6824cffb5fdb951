package org.exchangehub.hub.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the audit chain is anchored: {@code hub.audit.*}. Entries are always recorded; these settings only say when the
 * chain head goes to the ledger.
 *
 * @param anchorEveryEntries anchor once this many entries are unanchored
 * @param anchorInterval anchor when the oldest unanchored entry is older than this (checked every second)
 * @param enabled whether the hub anchors on its own schedule (tests drive it by hand)
 */
@Validated
@ConfigurationProperties("hub.audit")
public record AuditProperties(
        @Min(1) @Max(1_000_000) @DefaultValue("1000") int anchorEveryEntries,
        @DefaultValue("60s") Duration anchorInterval,
        @DefaultValue("true") boolean enabled) {}
