package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.notary.BatchTiles;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The record log (ADR 8): sealed record versions get dense, gap-free log positions in {@code notary_log}, a batch is a
 * range of positions ({@code notary_batch.first_position}, {@code leaf_count}) and its proofs are computed from the
 * log's digests when read (with the batch's tile roots, {@code tile_roots}), so the per-leaf outbox and proof table
 * {@code notary_leaf} goes.
 *
 * <p>Existing data moves: batches take positions in the order they were sealed, their leaves in leaf order, so every
 * batch is one range. Before a batch's positions are written its Merkle root is recomputed from the digests in that
 * order and compared with the stored root (which receipts already issued carry): a mismatch stops the migration, and
 * nothing is changed (it runs in one transaction on both databases). So every receipt issued before the migration gets
 * the same proof from the log as it carries. Versions not yet sealed move to {@code notary_pending} and are sealed as
 * usual.
 *
 * <p>Java rather than SQL because the positions are numbered in order and the roots checked, the same on H2 and
 * PostgreSQL.
 */
public class V7__record_log extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        // Every root is checked before anything changes: H2 commits each DDL statement, so a failure after the first
        // one could not be rolled back there.
        List<Batch> batches = batches(db);
        for (Batch batch : batches) {
            leavesMakingItsRoot(db, batch);
        }
        execute(
                db,
                "CREATE TABLE notary_log (position BIGINT NOT NULL PRIMARY KEY, seq BIGINT NOT NULL,"
                        + " record_type VARCHAR(32) NOT NULL, digest VARCHAR(128) NOT NULL,"
                        + " CONSTRAINT notary_log_seq UNIQUE (seq))");
        execute(
                db,
                "CREATE TABLE notary_pending (seq BIGINT NOT NULL PRIMARY KEY, record_type VARCHAR(32) NOT NULL,"
                        + " digest VARCHAR(128) NOT NULL, hash_algorithm VARCHAR(16) NOT NULL)");
        execute(db, "CREATE TABLE notary_log_head (id INT NOT NULL PRIMARY KEY, next_position BIGINT NOT NULL)");
        execute(db, "ALTER TABLE notary_batch ADD COLUMN first_position BIGINT");
        execute(db, "ALTER TABLE notary_batch ADD COLUMN tile_roots BYTEA");
        execute(
                db,
                "INSERT INTO notary_pending (seq, record_type, digest, hash_algorithm)"
                        + " SELECT l.seq, r.record_type, l.digest, l.hash_algorithm FROM notary_leaf l"
                        + " JOIN record_version r ON r.seq = l.seq WHERE l.batch_id IS NULL");
        long next = 1;
        for (Batch batch : batches) {
            next += moveLeaves(db, batch, next);
        }
        try (PreparedStatement head = db.prepareStatement("INSERT INTO notary_log_head VALUES (1, ?)")) {
            head.setLong(1, next);
            head.executeUpdate();
        }
        execute(db, "DROP TABLE notary_leaf");
        execute(db, "ALTER TABLE notary_batch ALTER COLUMN first_position SET NOT NULL");
        execute(db, "ALTER TABLE notary_batch ALTER COLUMN tile_roots SET NOT NULL");
        execute(db, "CREATE UNIQUE INDEX notary_batch_position ON notary_batch (first_position)");
        execute(db, "CREATE INDEX notary_log_type ON notary_log (record_type, position)");
        // the feed follows log positions now, not the insert sequence
        execute(db, "DROP INDEX record_version_feed");
    }

    private record Batch(String id, String root, int leafCount, String hashAlgorithm) {}

    private static List<Batch> batches(Connection db) throws SQLException {
        List<Batch> batches = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT batch_id, merkle_root, leaf_count, hash_algorithm"
                        + " FROM notary_batch ORDER BY sealed_at, batch_id")) {
            while (rs.next()) {
                batches.add(new Batch(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
            }
        }
        return batches;
    }

    private record Leaves(List<Long> seqs, List<String> types, List<String> digests) {}

    /** Gives a batch's leaves the positions from {@code first} on. */
    private static int moveLeaves(Connection db, Batch batch, long first) throws SQLException {
        Leaves leaves = leavesMakingItsRoot(db, batch);
        List<Long> seqs = leaves.seqs();
        List<String> types = leaves.types();
        List<String> digests = leaves.digests();
        try (PreparedStatement log = db.prepareStatement(
                "INSERT INTO notary_log (position, seq, record_type, digest) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < seqs.size(); i++) {
                log.setLong(1, first + i);
                log.setLong(2, seqs.get(i));
                log.setString(3, types.get(i));
                log.setString(4, digests.get(i));
                log.addBatch();
            }
            log.executeBatch();
        }
        HexFormat hex = HexFormat.of();
        MerkleTree tree = MerkleTree.fromLeafData(
                MerkleHasher.of(DigestAlgorithm.byName(batch.hashAlgorithm())),
                digests.stream().map(hex::parseHex).toList());
        try (PreparedStatement range =
                db.prepareStatement("UPDATE notary_batch SET first_position = ?, tile_roots = ? WHERE batch_id = ?")) {
            range.setLong(1, first);
            range.setBytes(2, BatchTiles.rootsOf(tree));
            range.setString(3, batch.id());
            range.executeUpdate();
        }
        return seqs.size();
    }

    /** A batch's leaves in leaf order, checked to make its stored root (the one its receipts carry). */
    private static Leaves leavesMakingItsRoot(Connection db, Batch batch) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT l.seq, l.leaf_index, r.record_type, l.digest"
                + " FROM notary_leaf l JOIN record_version r ON r.seq = l.seq WHERE l.batch_id = ?"
                + " ORDER BY l.leaf_index")) {
            select.setString(1, batch.id());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(2) != seqs.size()) {
                        throw new IllegalStateException("batch " + batch.id() + " has no leaf " + seqs.size()
                                + " (next is " + rs.getInt(2) + "): not migrated");
                    }
                    seqs.add(rs.getLong(1));
                    types.add(rs.getString(3));
                    digests.add(rs.getString(4));
                }
            }
        }
        if (seqs.size() != batch.leafCount()) {
            throw new IllegalStateException("batch " + batch.id() + " says " + batch.leafCount() + " leaves, "
                    + seqs.size() + " are stored: not migrated");
        }
        HexFormat hex = HexFormat.of();
        List<byte[]> leafData = digests.stream().map(hex::parseHex).toList();
        String root = hex.formatHex(
                MerkleTree.fromLeafData(MerkleHasher.of(DigestAlgorithm.byName(batch.hashAlgorithm())), leafData)
                        .root());
        if (!root.equalsIgnoreCase(batch.root())) {
            throw new IllegalStateException("batch " + batch.id() + ": its leaves make root " + root
                    + ", the batch (and its receipts) say " + batch.root() + ": not migrated");
        }
        return new Leaves(seqs, types, digests);
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
