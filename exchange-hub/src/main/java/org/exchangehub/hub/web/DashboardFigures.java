package org.exchangehub.hub.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.exchangehub.hub.notary.NotaryFigures;
import org.exchangehub.hub.notary.NotaryStore;
import org.exchangehub.hub.record.RecordFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operators' figures: records accepted and anchored per minute over the last hour (counted by the database, through
 * {@link RecordFigures} and {@link NotaryFigures}), what waits for notarization, the last batches with their ledger
 * transactions, and the ledger's state. Portable SQL (H2 and PostgreSQL) that reads by index: batches by their
 * {@code (state, sealed_at)} index.
 */
@Component
class DashboardFigures {

    static final int MINUTES = 60;
    private static final int LAST_BATCHES = 10;

    private final JdbcClient jdbc;
    private final NotaryStore notary;
    private final RecordFigures records;
    private final NotaryFigures notaryFigures;
    private final LedgerGateway ledger;
    private final Clock clock;

    DashboardFigures(
            JdbcClient jdbc,
            NotaryStore notary,
            RecordFigures records,
            NotaryFigures notaryFigures,
            LedgerGateway ledger,
            Clock clock) {
        this.jdbc = jdbc;
        this.notary = notary;
        this.records = records;
        this.notaryFigures = notaryFigures;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Records per minute over the last hour, oldest minute first.
     *
     * @param minuteStarts the start of each minute
     * @param accepted records accepted by the hub in each minute
     * @param anchored records whose batch was anchored on the ledger in each minute
     */
    record Throughput(List<Instant> minuteStarts, long[] accepted, long[] anchored) {

        /** Accepted per second over the last full minute. */
        public double acceptedPerSecond() {
            return accepted[accepted.length - 2] / 60.0;
        }

        public double anchoredPerSecond() {
            return anchored[anchored.length - 2] / 60.0;
        }

        public long acceptedLastHour() {
            return java.util.Arrays.stream(accepted).sum();
        }

        public long anchoredLastHour() {
            return java.util.Arrays.stream(anchored).sum();
        }

        public long peak() {
            long peak = 0;
            for (int i = 0; i < accepted.length; i++) {
                peak = Math.max(peak, Math.max(accepted[i], anchored[i]));
            }
            return peak;
        }
    }

    /** A batch as the dashboard lists it: its size, state, ledger transaction and any anchoring error. */
    record BatchRow(
            String batchId,
            int leafCount,
            String state,
            Instant sealedAt,
            Instant anchoredAt,
            String transactionId,
            Long block,
            int attempts,
            String lastError) {}

    /** The ledger's mode, channel and height, or why it cannot be read. */
    record LedgerState(String mode, String channel, Long height, String error) {
        public boolean up() {
            return error == null;
        }
    }

    Throughput throughput() {
        Instant now = clock.instant();
        // minutes end at the next full minute, so the last bucket is the current, partial one
        Instant end = Instant.ofEpochSecond((now.getEpochSecond() / 60 + 1) * 60);
        Instant start = end.minus(Duration.ofMinutes(MINUTES));
        List<Instant> minutes = new ArrayList<>(MINUTES);
        for (int m = 0; m < MINUTES; m++) {
            minutes.add(start.plusSeconds(60L * m));
        }
        long[] accepted = records.acceptedPerMinute(start, MINUTES);
        long[] anchored = notaryFigures.anchoredPerMinute(start, MINUTES);
        return new Throughput(List.copyOf(minutes), accepted, anchored);
    }

    /** Leaves not yet in a batch, and sealed batches not yet on the ledger. */
    long pendingLeaves() {
        return notary.pendingLeaves();
    }

    long sealedBatches() {
        return notary.sealedBatches();
    }

    /** The newest batches, sealed and anchored, newest first. */
    List<BatchRow> lastBatches() {
        List<BatchRow> rows = new ArrayList<>();
        for (String state : List.of("SEALED", "ANCHORED")) {
            rows.addAll(jdbc.sql("SELECT batch_id, leaf_count, state, sealed_at, anchored_at, ledger_tx_id,"
                            + " ledger_block, attempts, last_error FROM notary_batch WHERE state = ?"
                            + " ORDER BY state DESC, sealed_at DESC FETCH FIRST " + LAST_BATCHES + " ROWS ONLY")
                    .param(state)
                    .query((rs, n) -> new BatchRow(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getString(3),
                            instant(rs.getObject(4, OffsetDateTime.class)),
                            instant(rs.getObject(5, OffsetDateTime.class)),
                            rs.getString(6),
                            rs.getObject(7) == null ? null : rs.getLong(7),
                            rs.getInt(8),
                            rs.getString(9)))
                    .list());
        }
        rows.sort(Comparator.comparing(BatchRow::sealedAt).reversed());
        return rows.subList(0, Math.min(LAST_BATCHES, rows.size()));
    }

    /** One batch as the hub's table has it. */
    Optional<NotaryStore.Batch> batch(String batchId) {
        return notary.batch(batchId);
    }

    /** The records of a batch by leaf index, at most {@code limit}. */
    List<BatchRecord> batchRecords(String batchId, int limit) {
        return jdbc.sql("SELECT l.leaf_index, r.record_type, r.record_id, r.version, r.receipt_id, r.digest"
                        + " FROM notary_leaf l JOIN record_version r ON r.seq = l.seq WHERE l.batch_id = ?"
                        + " ORDER BY l.leaf_index FETCH FIRST " + limit + " ROWS ONLY")
                .param(batchId)
                .query((rs, n) -> new BatchRecord(
                        rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    /** A record version in a batch. */
    record BatchRecord(int leafIndex, String type, String id, int version, String receiptId, String digest) {}

    LedgerState ledger() {
        String mode = ledger.mode().name().toLowerCase(java.util.Locale.ROOT);
        try {
            return new LedgerState(mode, ledger.channel(), ledger.height(), null);
        } catch (LedgerUnavailableException | LedgerRefusedException e) {
            return new LedgerState(mode, ledger.channel(), null, e.getMessage());
        }
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
