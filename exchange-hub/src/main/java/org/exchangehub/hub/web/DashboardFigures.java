package org.exchangehub.hub.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    private final NotaryStore notary;
    private final org.exchangehub.hub.notary.RecordLog recordLog;
    private final org.exchangehub.hub.record.RecordStore recordStore;
    private final RecordFigures records;
    private final NotaryFigures notaryFigures;
    private final LedgerGateway ledger;
    private final Clock clock;

    DashboardFigures(
            NotaryStore notary,
            org.exchangehub.hub.notary.RecordLog recordLog,
            org.exchangehub.hub.record.RecordStore recordStore,
            RecordFigures records,
            NotaryFigures notaryFigures,
            LedgerGateway ledger,
            Clock clock) {
        this.notary = notary;
        this.recordLog = recordLog;
        this.recordStore = recordStore;
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
            for (NotaryStore.Batch b : notary.newest(state, LAST_BATCHES)) {
                rows.add(new BatchRow(
                        b.batchId(),
                        b.leafCount(),
                        b.state(),
                        b.sealedAt(),
                        b.anchoredAt(),
                        b.coordinates() == null ? null : b.coordinates().transactionId(),
                        b.coordinates() == null ? null : b.coordinates().blockNumber(),
                        b.attempts(),
                        b.lastError()));
            }
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
        List<org.exchangehub.hub.record.StoredRecord> versions = recordStore.bySeqs(
                entries.stream().map(NotaryStore.LogEntry::seq).toList());
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
}
