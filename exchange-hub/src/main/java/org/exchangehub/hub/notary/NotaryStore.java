package org.exchangehub.hub.notary;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.exchangehub.hub.ledger.AnchorBacklog;
import org.exchangehub.hub.ledger.LedgerCoordinates;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notary's tables: the queue of versions to seal ({@code notary_pending}), the record log ({@code notary_log}: each
 * sealed version's position and leaf digest) with its head, and the batches (a batch is a range of positions). Sealing
 * is serialized across hub instances by the log head's row lock; anchoring claims a batch with a lease ({@code
 * claimed_by}, {@code lease_until}), so hub instances share that work, hold no lock while the ledger is called, and
 * take over a batch whose claimer died once its lease has run out.
 */
@Repository
public class NotaryStore implements AnchorBacklog {

    /** How many of the oldest sealed batches a claim looks at: more than the hub instances that anchor at once. */
    private static final int SEALED_CLAIM_WINDOW = 8;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public NotaryStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A record version waiting to be sealed: what its leaf needs. */
    record PendingLeaf(long seq, String recordType, String digest, String hashAlgorithm) {}

    /** A sealed record version's place in the log. */
    public record LogEntry(long position, long seq, String recordType) {}

    /**
     * A batch row: the log positions {@code firstPosition} to {@code firstPosition + leafCount - 1}. {@code
     * coordinates} is null until the batch is anchored.
     */
    public record Batch(
            String batchId,
            long firstPosition,
            String merkleRoot,
            int leafCount,
            String hashAlgorithm,
            String state,
            Instant sealedAt,
            String headSignature,
            String signatureAlgorithm,
            String signerCertificate,
            LedgerCoordinates coordinates,
            Instant anchoredAt,
            int attempts,
            String lastError,
            byte[] tileRoots) {

        public TreeHead treeHead() {
            return new TreeHead(batchId, hashAlgorithm, merkleRoot, leafCount, sealedAt);
        }

        /** Whether the log position is one of this batch's leaves. */
        public boolean holds(long position) {
            return position >= firstPosition && position < firstPosition + leafCount;
        }
    }

    /** Queues appended versions for sealing (in their appending transaction), by one JDBC batch. */
    void enqueue(List<PendingLeaf> leaves) {
        template.batchUpdate(
                "INSERT INTO notary_pending (seq, record_type, digest, hash_algorithm) VALUES (?, ?, ?, ?)",
                leaves,
                1000,
                (ps, leaf) -> {
                    ps.setLong(1, leaf.seq());
                    ps.setString(2, leaf.recordType());
                    ps.setString(3, leaf.digest());
                    ps.setString(4, leaf.hashAlgorithm());
                });
    }

    /**
     * Locks the log head for this transaction and returns the next log position. Only one sealing transaction at a
     * time, across hub instances, holds it: that is what makes the positions dense and every batch's positions
     * committed after the batch before it.
     */
    long lockLogHead() {
        return jdbc.sql("SELECT next_position FROM notary_log_head WHERE id = 1 FOR UPDATE")
                .query(Long.class)
                .single();
    }

    /**
     * Up to {@code limit} pending leaves of the oldest pending algorithm, oldest first. Only the holder of the log head
     * reads them to seal, so they need no lock: publishers only add rows, and only the sealer removes them.
     */
    List<PendingLeaf> pending(int limit) {
        Optional<String> algorithm = jdbc.sql(
                        "SELECT hash_algorithm FROM notary_pending ORDER BY seq FETCH FIRST 1 ROWS ONLY")
                .query(String.class)
                .optional();
        if (algorithm.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT seq, record_type, digest, hash_algorithm FROM notary_pending WHERE hash_algorithm = ?"
                        + " ORDER BY seq FETCH FIRST " + limit + " ROWS ONLY")
                .param(algorithm.get())
                .query((rs, n) -> new PendingLeaf(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /**
     * Appends the leaves to the log at positions {@code first} on, takes them off the pending queue and moves the log
     * head past them. Runs in the sealing transaction, under {@link #lockLogHead()}.
     */
    void appendToLog(long first, List<PendingLeaf> leaves) {
        template.batchUpdate(
                "INSERT INTO notary_log (position, seq, record_type, digest) VALUES (?, ?, ?, ?)",
                leaves,
                1000,
                new org.springframework.jdbc.core.ParameterizedPreparedStatementSetter<PendingLeaf>() {
                    private long position = first;

                    @Override
                    public void setValues(java.sql.PreparedStatement ps, PendingLeaf leaf) throws SQLException {
                        ps.setLong(1, position++);
                        ps.setLong(2, leaf.seq());
                        ps.setString(3, leaf.recordType());
                        ps.setString(4, leaf.digest());
                    }
                });
        template.batchUpdate(
                "DELETE FROM notary_pending WHERE seq = ?", leaves, 1000, (ps, leaf) -> ps.setLong(1, leaf.seq()));
        jdbc.sql("UPDATE notary_log_head SET next_position = ? WHERE id = 1")
                .param(first + leaves.size())
                .update();
    }

    void insertSealed(
            TreeHead head,
            long firstPosition,
            byte[] tileRoots,
            String signature,
            String signatureAlgorithm,
            String signerCertificate) {
        jdbc.sql("INSERT INTO notary_batch (batch_id, first_position, tile_roots, merkle_root, leaf_count,"
                        + " hash_algorithm, state, sealed_at, head_signature, signature_algorithm, signer_certificate,"
                        + " attempts) VALUES (?, ?, ?, ?, ?, ?, 'SEALED', ?, ?, ?, ?, 0)")
                .params(
                        head.batchId(),
                        firstPosition,
                        tileRoots,
                        head.merkleRoot(),
                        head.treeSize(),
                        head.hashAlgorithm(),
                        head.sealedAt().atOffset(ZoneOffset.UTC),
                        signature,
                        signatureAlgorithm,
                        signerCertificate)
                .update();
    }

    /**
     * Claims the oldest sealed batch that no one holds, for {@code holder} until {@code until}: one UPDATE, committed
     * on its own, that takes a batch only when it is unclaimed or its lease ended by {@code now}. No lock is held
     * after it: the ledger is called with no transaction open, and the outcome is written by {@link #markAnchored} or
     * {@link #release} only while the claim is still {@code holder}'s. The candidates are read first without locking
     * (the oldest few, from the {@code (state, sealed_at)} index); a candidate another claimer took in between is
     * skipped (its UPDATE finds the lease taken: PostgreSQL and H2 re-check the condition on a row they waited for).
     * Were two claims ever to take one batch, both would anchor it on the ledger, which answers the second with the
     * first's anchor, and only the claim named last in {@code claimed_by} would record it.
     */
    Optional<Batch> claimSealed(String holder, Instant now, Instant until) {
        List<String> oldest = jdbc.sql("SELECT batch_id FROM notary_batch WHERE state = 'SEALED'"
                        + " AND (lease_until IS NULL OR lease_until <= ?)"
                        + " ORDER BY state, sealed_at FETCH FIRST " + SEALED_CLAIM_WINDOW + " ROWS ONLY")
                .param(utc(now))
                .query(String.class)
                .list();
        for (String batchId : oldest) {
            int taken = jdbc.sql("UPDATE notary_batch SET claimed_by = ?, lease_until = ? WHERE batch_id = ?"
                            + " AND state = 'SEALED' AND (lease_until IS NULL OR lease_until <= ?)")
                    .params(holder, utc(until), batchId, utc(now))
                    .update();
            if (taken == 1) {
                return batch(batchId);
            }
        }
        return Optional.empty();
    }

    /**
     * Records a batch anchored, only while {@code holder} still holds its claim; false when the claim was taken over
     * (the lease ran out): then the claim that holds it now records the same anchor, which the ledger returns to both.
     */
    boolean markAnchored(String batchId, String holder, LedgerCoordinates coordinates, Instant anchoredAt) {
        return jdbc.sql("UPDATE notary_batch SET state = 'ANCHORED', ledger_mode = ?, ledger_channel = ?,"
                                + " ledger_tx_id = ?, ledger_block = ?, anchored_at = ?, attempts = attempts + 1,"
                                + " last_error = NULL, claimed_by = NULL, lease_until = NULL"
                                + " WHERE batch_id = ? AND claimed_by = ? AND state = 'SEALED'")
                        .params(
                                coordinates.mode().name(),
                                coordinates.channel(),
                                coordinates.transactionId(),
                                coordinates.blockNumber(),
                                utc(anchoredAt),
                                batchId,
                                holder)
                        .update()
                == 1;
    }

    /**
     * Gives up {@code holder}'s claim on a batch that was not anchored: counts the attempt, keeps the error, and lets
     * the batch be claimed again from {@code notBefore} (null: at once). False when the claim was no longer its own.
     */
    boolean release(String batchId, String holder, String error, Instant notBefore) {
        String trimmed = error == null ? "unknown" : error.length() > 2000 ? error.substring(0, 2000) : error;
        return jdbc.sql("UPDATE notary_batch SET attempts = attempts + 1, last_error = ?, claimed_by = NULL,"
                                + " lease_until = ? WHERE batch_id = ? AND claimed_by = ? AND state = 'SEALED'")
                        .params(trimmed, notBefore == null ? null : utc(notBefore), batchId, holder)
                        .update()
                == 1;
    }

    public Optional<Batch> batch(String batchId) {
        return jdbc.sql("SELECT * FROM notary_batch WHERE batch_id = ?")
                .param(batchId)
                .query(NotaryStore::batch)
                .optional();
    }

    /** The newest batches in a state (SEALED or ANCHORED), newest first. */
    public List<Batch> newest(String state, int limit) {
        return jdbc.sql("SELECT * FROM notary_batch WHERE state = ? ORDER BY state DESC, sealed_at DESC FETCH FIRST "
                        + limit + " ROWS ONLY")
                .param(state)
                .query(NotaryStore::batch)
                .list();
    }

    /** The batch whose positions include {@code position}, if it is sealed. */
    public Optional<Batch> batchAt(long position) {
        return jdbc.sql("SELECT * FROM notary_batch WHERE first_position <= ? ORDER BY first_position DESC"
                        + " FETCH FIRST 1 ROWS ONLY")
                .param(position)
                .query(NotaryStore::batch)
                .optional()
                .filter(b -> b.holds(position));
    }

    /** The batches holding positions {@code from} to {@code to}, in log order. */
    List<Batch> batchesBetween(long from, long to) {
        long first = batchAt(from).map(Batch::firstPosition).orElse(from);
        return jdbc.sql("SELECT * FROM notary_batch WHERE first_position BETWEEN ? AND ? ORDER BY first_position")
                .params(first, to)
                .query(NotaryStore::batch)
                .list();
    }

    /** The log positions of the versions with the given sequence numbers that are sealed, by sequence number. */
    java.util.Map<Long, Long> positions(List<Long> seqs) {
        java.util.Map<Long, Long> positions = new java.util.HashMap<>();
        for (int from = 0; from < seqs.size(); from += 500) {
            jdbc.sql("SELECT seq, position FROM notary_log WHERE seq IN (:seqs)")
                    .param("seqs", seqs.subList(from, Math.min(seqs.size(), from + 500)))
                    .query((rs, n) -> positions.put(rs.getLong(1), rs.getLong(2)))
                    .list();
        }
        return positions;
    }

    /** The leaf digests (hex) of positions {@code from} to {@code to}, in log order. */
    List<String> digests(long from, long to) {
        return jdbc.sql("SELECT digest FROM notary_log WHERE position BETWEEN ? AND ? ORDER BY position")
                .params(from, to)
                .query(String.class)
                .list();
    }

    /** Up to {@code limit} log entries of a type after a position, in log order. */
    List<LogEntry> entries(String recordType, long after, int limit) {
        return jdbc.sql("SELECT position, seq, record_type FROM notary_log WHERE record_type = ? AND position > ?"
                        + " ORDER BY record_type, position FETCH FIRST " + limit + " ROWS ONLY")
                .params(recordType, after)
                .query(NotaryStore::entry)
                .list();
    }

    /** The log entries of positions {@code from} to {@code to}, in log order. */
    List<LogEntry> entriesBetween(long from, long to) {
        return jdbc.sql("SELECT position, seq, record_type FROM notary_log WHERE position BETWEEN ? AND ?"
                        + " ORDER BY position")
                .params(from, to)
                .query(NotaryStore::entry)
                .list();
    }

    /**
     * The log position a feed cursor from before the log (a version's sequence number) stands for: the position before
     * the first entry of a later version, or the log's end when there is none yet.
     */
    long positionBeforeSeq(long seq) {
        // positions start at 1: 0 says no logged version has a greater seq (MIN over no rows is NULL, which a
        // single-column query refuses)
        long first = jdbc.sql("SELECT COALESCE(MIN(position), 0) FROM notary_log WHERE seq > ?")
                .param(seq)
                .query(Long.class)
                .single();
        if (first > 0) {
            return first - 1;
        }
        return jdbc.sql("SELECT next_position FROM notary_log_head WHERE id = 1")
                        .query(Long.class)
                        .single()
                - 1;
    }

    /**
     * The anchored prefix of the log: the highest position such that every batch at or below it is anchored (the
     * position before the first batch still SEALED, or the log's end when every batch is anchored). Batches are committed
     * in position order (the log head's lock), so no batch below it can still appear.
     */
    long anchoredThrough() {
        // the log's end first: a batch sealed after this read lies beyond it, whatever the next read sees
        long end = jdbc.sql("SELECT next_position FROM notary_log_head WHERE id = 1")
                        .query(Long.class)
                        .single()
                - 1;
        // positions start at 1: 0 says no batch is waiting
        long firstNotAnchored = jdbc.sql(
                        "SELECT COALESCE(MIN(first_position), 0) FROM notary_batch WHERE state = 'SEALED'")
                .query(Long.class)
                .single();
        return firstNotAnchored > 0 ? Math.min(end, firstNotAnchored - 1) : end;
    }

    /** Up to {@code limit} log entries of any of the types after {@code after} and at most {@code through}. */
    List<LogEntry> entriesOf(java.util.Collection<String> recordTypes, long after, long through, int limit) {
        if (recordTypes.isEmpty() || through <= after) {
            return List.of();
        }
        return jdbc.sql("SELECT position, seq, record_type FROM notary_log WHERE record_type IN (:types)"
                        + " AND position > :after AND position <= :through ORDER BY position FETCH FIRST " + limit
                        + " ROWS ONLY")
                .param("types", recordTypes)
                .param("after", after)
                .param("through", through)
                .query(NotaryStore::entry)
                .list();
    }

    /** How many log entries of any of the types lie after {@code after} and at most {@code through}. */
    long countOf(java.util.Collection<String> recordTypes, long after, long through) {
        if (recordTypes.isEmpty() || through <= after) {
            return 0;
        }
        return jdbc.sql("SELECT COUNT(*) FROM notary_log WHERE record_type IN (:types) AND position > :after"
                        + " AND position <= :through")
                .param("types", recordTypes)
                .param("after", after)
                .param("through", through)
                .query(Long.class)
                .single();
    }

    /** The log entry of a sealed version. */
    Optional<LogEntry> entryOf(long seq) {
        return jdbc.sql("SELECT position, seq, record_type FROM notary_log WHERE seq = ?")
                .param(seq)
                .query(NotaryStore::entry)
                .optional();
    }

    /** Counts for the health and the dashboard: leaves not yet in a batch, and batches not yet anchored. */
    public long pendingLeaves() {
        return jdbc.sql("SELECT COUNT(*) FROM notary_pending").query(Long.class).single();
    }

    @Override
    public long sealedBatches() {
        return jdbc.sql("SELECT COUNT(*) FROM notary_batch WHERE state = 'SEALED'")
                .query(Long.class)
                .single();
    }

    private static Batch batch(ResultSet rs, int row) throws SQLException {
        String mode = rs.getString("ledger_mode");
        LedgerCoordinates coordinates = mode == null
                ? null
                : new LedgerCoordinates(
                        org.exchangehub.hub.ledger.LedgerMode.valueOf(mode),
                        rs.getString("ledger_channel"),
                        rs.getString("ledger_tx_id"),
                        rs.getLong("ledger_block"));
        return new Batch(
                rs.getString("batch_id"),
                rs.getLong("first_position"),
                rs.getString("merkle_root"),
                rs.getInt("leaf_count"),
                rs.getString("hash_algorithm"),
                rs.getString("state"),
                instant(rs, "sealed_at"),
                rs.getString("head_signature"),
                rs.getString("signature_algorithm"),
                rs.getString("signer_certificate"),
                coordinates,
                instant(rs, "anchored_at"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                rs.getBytes("tile_roots"));
    }

    private static LogEntry entry(ResultSet rs, int row) throws SQLException {
        return new LogEntry(rs.getLong(1), rs.getLong(2), rs.getString(3));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
