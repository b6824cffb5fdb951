package org.exchangehub.hub.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Anchors the audit chain's head on the ledger as batch {@code audit-<seq>} (root: the head hash, leaf count: the seq)
 * once {@code anchor-every-entries} entries are unanchored or the oldest of them is older than
 * {@code anchor-interval}. While the ledger is down nothing is recorded and a later round (backing off up to the
 * anchor interval) tries again with the head of that time; entries wait in the database, so nothing is lost. Two hub instances anchoring the same head agree: the
 * ledger answers a repeated anchor of the same batch and root with the first, and the anchor row is written once.
 */
@Component
public class AuditAnchoring {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchoring.class);

    private final JdbcClient jdbc;
    private final NotaryLedger ledger;
    private final AuditProperties properties;
    private final Clock clock;
    private Duration backoff = Duration.ZERO;
    private Instant nextAttempt = Instant.MIN;

    public AuditAnchoring(JdbcClient jdbc, NotaryLedger ledger, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /** An anchor of the chain head as recorded. */
    public record Anchor(
            long upToSeq,
            String headHash,
            String batchId,
            String ledgerMode,
            String ledgerChannel,
            String ledgerTransactionId,
            long ledgerBlock,
            Instant anchoredAt) {}

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void onSchedule() {
        if (properties.enabled()) {
            try {
                anchorIfDue();
            } catch (RuntimeException e) {
                log.error("Audit anchoring failed; it is retried on the next round", e);
            }
        }
    }

    /** Anchors the head when enough entries or enough time have gone unanchored; empty when not due or not possible. */
    public synchronized Optional<Anchor> anchorIfDue() {
        if (clock.instant().isBefore(nextAttempt)) {
            return Optional.empty();
        }
        AuditLog.Head head = AuditLog.head(jdbc);
        long anchored = lastAnchoredSeq();
        if (head.seq() <= anchored) {
            return Optional.empty();
        }
        boolean enough = head.seq() - anchored >= properties.anchorEveryEntries();
        if (!enough && !oldestUnanchoredIsOlderThan(anchored + 1, properties.anchorInterval())) {
            return Optional.empty();
        }
        return anchor(head);
    }

    /** Anchors the current head now, whatever is due; empty when there is nothing new or the ledger is not available. */
    public synchronized Optional<Anchor> anchorNow() {
        AuditLog.Head head = AuditLog.head(jdbc);
        return head.seq() <= lastAnchoredSeq() ? Optional.empty() : anchor(head);
    }

    private Optional<Anchor> anchor(AuditLog.Head head) {
        String batchId = batchId(head.seq());
        NotaryLedger.Anchored anchored;
        try {
            anchored = ledger.anchor(batchId, HexFormat.of().parseHex(head.hash()), head.seq(), AuditEntry.ALGORITHM);
        } catch (LedgerUnavailableException | LedgerRefusedException e) {
            backoff = backoff.isZero() ? Duration.ofSeconds(1) : backoff.multipliedBy(2);
            if (backoff.compareTo(properties.anchorInterval()) > 0) {
                backoff = properties.anchorInterval();
            }
            nextAttempt = clock.instant().plus(backoff);
            log.warn("Audit head {} not anchored, next try in {}: {}", head.seq(), backoff, e.getMessage());
            return Optional.empty();
        }
        backoff = Duration.ZERO;
        nextAttempt = Instant.MIN;
        Anchor anchor = new Anchor(
                head.seq(),
                head.hash(),
                batchId,
                anchored.coordinates().mode().name().toLowerCase(Locale.ROOT),
                anchored.coordinates().channel(),
                anchored.coordinates().transactionId(),
                anchored.coordinates().blockNumber(),
                clock.instant());
        try {
            jdbc.sql("INSERT INTO audit_anchor (up_to_seq, head_hash, batch_id, ledger_mode, ledger_channel,"
                            + " ledger_tx_id, ledger_block, anchored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            anchor.upToSeq(),
                            anchor.headHash(),
                            anchor.batchId(),
                            anchor.ledgerMode(),
                            anchor.ledgerChannel(),
                            anchor.ledgerTransactionId(),
                            anchor.ledgerBlock(),
                            OffsetDateTime.ofInstant(anchor.anchoredAt(), ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            log.debug("Audit head {} was anchored by another instance", head.seq());
        }
        log.info("Audit chain anchored up to {} in ledger transaction {}", head.seq(), anchor.ledgerTransactionId());
        return Optional.of(anchor);
    }

    static String batchId(long seq) {
        return "audit-" + seq;
    }

    private long lastAnchoredSeq() {
        return jdbc.sql("SELECT COALESCE(MAX(up_to_seq), 0) FROM audit_anchor")
                .query(Long.class)
                .single();
    }

    private boolean oldestUnanchoredIsOlderThan(long seq, Duration age) {
        return jdbc.sql("SELECT recorded_at FROM audit_entry WHERE seq = ?")
                .param(seq)
                .query(OffsetDateTime.class)
                .optional()
                .map(time -> !time.toInstant().plus(age).isAfter(clock.instant()))
                .orElse(false);
    }

    /** The recorded anchors, oldest first. */
    static List<Anchor> anchors(JdbcClient jdbc) {
        return jdbc.sql("SELECT up_to_seq, head_hash, batch_id, ledger_mode, ledger_channel, ledger_tx_id,"
                        + " ledger_block, anchored_at FROM audit_anchor ORDER BY up_to_seq")
                .query((rs, n) -> new Anchor(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getObject(8, OffsetDateTime.class).toInstant()))
                .list();
    }
}
