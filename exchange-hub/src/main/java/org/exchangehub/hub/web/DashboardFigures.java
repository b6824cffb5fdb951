package org.exchangehub.hub.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.exchangehub.hub.notary.NotaryStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operators' figures, read from the hub's tables: records accepted and anchored per minute over the last hour,
 * what waits for notarization, the last batches with their ledger transactions, and the ledger's state. Portable SQL
 * (H2 and PostgreSQL) that reads by index: the records of the last hour are found by a binary search on their sequence
 * numbers (accepted in order), batches by their {@code (state, sealed_at)} index.
 */
@Component
class DashboardFigures {

    static final int MINUTES = 60;
    private static final int LAST_BATCHES = 10;

    private final JdbcClient jdbc;
    private final NotaryStore notary;
    private final org.exchangehub.hub.notary.RecordLog recordLog;
    private final org.exchangehub.hub.record.RecordStore records;
    private final LedgerGateway ledger;
    private final Clock clock;

    DashboardFigures(
            JdbcClient jdbc,
            NotaryStore notary,
            org.exchangehub.hub.notary.RecordLog recordLog,
            org.exchangehub.hub.record.RecordStore records,
            LedgerGateway ledger,
            Clock clock) {
        this.jdbc = jdbc;
        this.notary = notary;
        this.recordLog = recordLog;
        this.records = records;
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
        long[] accepted = new long[MINUTES];
        long[] anchored = new long[MINUTES];
        long firstSeq = firstSeqAcceptedSince(start);
        jdbc
                .sql("SELECT accepted_at FROM record_version WHERE seq >= ?")
                .param(firstSeq)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .stream()
                .forEach(at -> count(accepted, start, at));
        // a batch is anchored after it is sealed: those sealed a little before the hour may be anchored within it
        jdbc.sql("SELECT anchored_at, leaf_count FROM notary_batch WHERE state = 'ANCHORED' AND sealed_at >= ?")
                .param(start.minus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC))
                .query((rs, n) -> {
                    OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                    if (at != null) {
                        int minute = minute(start, at.toInstant());
                        if (minute >= 0 && minute < MINUTES) {
                            anchored[minute] += rs.getInt(2);
                        }
                    }
                    return null;
                })
                .list();
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
        Optional<NotaryStore.Batch> batch = notary.batch(batchId);
        if (batch.isEmpty()) {
            return List.of();
        }
        long first = batch.get().firstPosition();
        List<NotaryStore.LogEntry> entries =
                recordLog.between(first, first + Math.min(limit, batch.get().leafCount()) - 1);
        List<org.exchangehub.hub.record.StoredRecord> versions =
                records.bySeqs(entries.stream().map(NotaryStore.LogEntry::seq).toList());
        List<BatchRecord> rows = new java.util.ArrayList<>(versions.size());
        for (int i = 0; i < versions.size(); i++) {
            org.exchangehub.hub.record.StoredRecord r = versions.get(i);
            rows.add(new BatchRecord(
                    (int) (entries.get(i).position() - first),
                    r.type().name(),
                    r.id(),
                    r.version(),
                    r.receiptId(),
                    r.digest()));
        }
        return rows;
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

    /**
     * The first sequence number accepted at or after {@code since}: a binary search over the primary key, since records
     * are numbered in the order they are accepted (closely enough for a chart when several instances write).
     */
    private long firstSeqAcceptedSince(Instant since) {
        // MIN and MAX of no rows are one row of NULLs: a hub with no records yet has nothing to search
        Optional<long[]> range = jdbc
                .sql("SELECT MIN(seq), MAX(seq) FROM record_version")
                .query((rs, n) -> {
                    long min = rs.getLong(1);
                    return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
                })
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
        if (range.isEmpty()) {
            return 1;
        }
        long low = range.get()[0];
        long max = range.get()[1];
        long high = max + 1;
        OffsetDateTime bound = since.atOffset(ZoneOffset.UTC);
        while (low < high) {
            long middle = low + (high - low) / 2;
            Optional<Object[]> row = jdbc.sql(
                            "SELECT seq, accepted_at FROM record_version WHERE seq >= ? ORDER BY seq FETCH FIRST 1 ROWS ONLY")
                    .param(middle)
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class)})
                    .optional();
            if (row.isEmpty()) {
                high = middle;
            } else if (((OffsetDateTime) row.get()[1]).isBefore(bound)) {
                low = (Long) row.get()[0] + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static void count(long[] buckets, Instant start, Instant at) {
        int minute = minute(start, at);
        if (minute >= 0 && minute < buckets.length) {
            buckets[minute]++;
        }
    }

    private static int minute(Instant start, Instant at) {
        return (int) Math.floorDiv(at.getEpochSecond() - start.getEpochSecond(), 60);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
