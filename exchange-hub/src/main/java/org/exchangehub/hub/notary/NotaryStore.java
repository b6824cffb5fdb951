package org.exchangehub.hub.notary;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.exchangehub.hub.ledger.LedgerCoordinates;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pending leaves, batches and proofs. Claims use {@code FOR UPDATE SKIP LOCKED}, so hub instances share the work. */
@Repository
public class NotaryStore {

    /** How many of the oldest sealed batches a claim looks at: more than the hub instances that anchor at once. */
    private static final int SEALED_CLAIM_WINDOW = 8;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public NotaryStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    record PendingLeaf(long seq, String digest, String hashAlgorithm) {}

    /** A batch row. {@code coordinates} is null until the batch is anchored. */
    public record Batch(
            String batchId,
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
            String lastError) {

        public TreeHead treeHead() {
            return new TreeHead(batchId, hashAlgorithm, merkleRoot, leafCount, sealedAt);
        }
    }

    /** A record version's place in its batch. */
    public record Leaf(long seq, String batchId, int leafIndex, byte[] auditPath) {}

    /**
     * Locks up to {@code limit} unsealed leaves of the oldest pending algorithm, oldest first.
     *
     * <p>H2 locks every row a {@code FOR UPDATE} query's condition matches before it sorts and cuts them, so locking "the
     * oldest {@code limit} pending leaves" cost as much as the whole backlog (a batch of 1 behind 2,000 pending leaves
     * took 10 ms). So the oldest {@code 2 * limit} are read first without locking, then only their range is locked.
     * PostgreSQL locks only the rows it returns, so another instance still takes the next ones. {@code seq > 0} (always
     * true) and ordering by {@code batch_id} (null here) let H2 read the {@code (batch_id, seq)} index in order instead
     * of sorting every pending leaf.
     */
    List<PendingLeaf> claimPending(int limit) {
        Optional<String> algorithm = jdbc.sql(
                        "SELECT hash_algorithm FROM notary_leaf WHERE batch_id IS NULL AND seq > 0"
                                + " ORDER BY batch_id, seq FETCH FIRST 1 ROWS ONLY")
                .query(String.class)
                .optional();
        if (algorithm.isEmpty()) {
            return List.of();
        }
        List<Long> oldest = jdbc.sql("SELECT seq FROM notary_leaf WHERE batch_id IS NULL AND seq > 0"
                        + " AND hash_algorithm = ? ORDER BY batch_id, seq FETCH FIRST " + 2L * limit + " ROWS ONLY")
                .param(algorithm.get())
                .query(Long.class)
                .list();
        if (oldest.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT seq, digest, hash_algorithm FROM notary_leaf WHERE seq BETWEEN ? AND ?"
                        + " AND batch_id IS NULL AND hash_algorithm = ? ORDER BY seq FETCH FIRST " + limit
                        + " ROWS ONLY FOR UPDATE SKIP LOCKED")
                .params(oldest.get(0), oldest.get(oldest.size() - 1), algorithm.get())
                .query((rs, n) -> new PendingLeaf(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    void insertSealed(TreeHead head, String signature, String signatureAlgorithm, String signerCertificate) {
        jdbc.sql("INSERT INTO notary_batch (batch_id, merkle_root, leaf_count, hash_algorithm, state, sealed_at,"
                        + " head_signature, signature_algorithm, signer_certificate, attempts)"
                        + " VALUES (?, ?, ?, ?, 'SEALED', ?, ?, ?, ?, 0)")
                .params(
                        head.batchId(),
                        head.merkleRoot(),
                        head.treeSize(),
                        head.hashAlgorithm(),
                        head.sealedAt().atOffset(ZoneOffset.UTC),
                        signature,
                        signatureAlgorithm,
                        signerCertificate)
                .update();
    }

    void assignLeaves(String batchId, List<PendingLeaf> leaves, List<byte[]> auditPaths) {
        template.batchUpdate(
                "UPDATE notary_leaf SET batch_id = ?, leaf_index = ?, audit_path = ? WHERE seq = ?",
                new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(java.sql.PreparedStatement ps, int i) throws SQLException {
                        ps.setString(1, batchId);
                        ps.setInt(2, i);
                        ps.setBytes(3, auditPaths.get(i));
                        ps.setLong(4, leaves.get(i).seq());
                    }

                    @Override
                    public int getBatchSize() {
                        return leaves.size();
                    }
                });
    }

    /**
     * Locks the oldest sealed batch that no other instance is anchoring, among the oldest few: read first without
     * locking, for the reason given at {@link #claimPending} (ordered by {@code state} too, so H2 reads them from the
     * {@code (state, sealed_at)} index in order).
     */
    Optional<Batch> claimSealed() {
        List<String> oldest = jdbc.sql("SELECT batch_id FROM notary_batch WHERE state = 'SEALED'"
                        + " ORDER BY state, sealed_at FETCH FIRST " + SEALED_CLAIM_WINDOW + " ROWS ONLY")
                .query(String.class)
                .list();
        if (oldest.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM notary_batch WHERE batch_id IN (:ids) AND state = 'SEALED' ORDER BY sealed_at"
                        + " FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED")
                .param("ids", oldest)
                .query(NotaryStore::batch)
                .optional();
    }

    void markAnchored(String batchId, LedgerCoordinates coordinates, Instant anchoredAt) {
        jdbc.sql("UPDATE notary_batch SET state = 'ANCHORED', ledger_mode = ?, ledger_channel = ?, ledger_tx_id = ?,"
                        + " ledger_block = ?, anchored_at = ?, attempts = attempts + 1, last_error = NULL"
                        + " WHERE batch_id = ?")
                .params(
                        coordinates.mode().name(),
                        coordinates.channel(),
                        coordinates.transactionId(),
                        coordinates.blockNumber(),
                        anchoredAt.atOffset(ZoneOffset.UTC),
                        batchId)
                .update();
    }

    void markFailed(String batchId, String error) {
        String trimmed = error == null ? "unknown" : error.length() > 2000 ? error.substring(0, 2000) : error;
        jdbc.sql("UPDATE notary_batch SET attempts = attempts + 1, last_error = ? WHERE batch_id = ?")
                .params(trimmed, batchId)
                .update();
    }

    public Optional<Batch> batch(String batchId) {
        return jdbc.sql("SELECT * FROM notary_batch WHERE batch_id = ?")
                .param(batchId)
                .query(NotaryStore::batch)
                .optional();
    }

    public Optional<Leaf> leaf(long seq) {
        return jdbc.sql("SELECT seq, batch_id, leaf_index, audit_path FROM notary_leaf WHERE seq = ?")
                .param(seq)
                .query((rs, n) -> new Leaf(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBytes(4)))
                .optional();
    }

    /** Counts for the health and the dashboard: leaves not yet in a batch, and batches not yet anchored. */
    public long pendingLeaves() {
        return jdbc.sql("SELECT COUNT(*) FROM notary_leaf WHERE batch_id IS NULL")
                .query(Long.class)
                .single();
    }

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
                rs.getString("last_error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
