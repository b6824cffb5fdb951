package org.exchangehub.hub.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.TestIdentities;
import org.exchangehub.hub.ledger.LedgerIdentity;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.merkle.InclusionProof;
import org.exchangehub.merkle.InclusionVerifier;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * V7 (the record log) on a database that wave 1 filled: its record versions, sealed batches with real roots and
 * signed heads, per-leaf audit paths as wave 1's notary stored them, and versions not yet sealed. Every receipt issued
 * before the migration must get the same proof from the log afterwards (it is what offline verification checks against
 * the ledger's root), and a database whose leaves no longer make a batch's root must stop the migration unchanged.
 * The subclasses run it on H2 and on PostgreSQL.
 */
abstract class RecordLogMigrationTests {

    static final HubSigner SIGNER = signer();

    /** A fresh, empty database (not migrated). */
    abstract DataSource emptyDatabase();

    static HubSigner signer() {
        LedgerIdentity identity = TestIdentities.ledgerIdentity("HubMSP", "hub", "client");
        return new HubSigner(identity.privateKey(), identity.certificate(), null);
    }

    static Flyway flyway(DataSource db, String target) {
        return Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    /**
     * Wave 1's batches, in the order they were sealed: the leaves are sequence numbers in leaf order. Wave 1 claimed
     * the oldest pending versions, so a version that committed late (3, 16) went into a later batch than higher ones;
     * one batch is SM3. Batch ids sort otherwise than the sealing order, which is the one positions follow.
     */
    static final List<Wave1Batch> BATCHES = List.of(
            new Wave1Batch("b-d4-first", DigestAlgorithm.SHA_256, List.of(1L, 2L, 4L, 5L, 6L), true),
            new Wave1Batch("b-a1-second", DigestAlgorithm.SHA_256, List.of(3L, 7L, 8L, 9L, 10L, 11L, 12L, 13L), true),
            new Wave1Batch("b-c3-third", DigestAlgorithm.SM3, List.of(14L, 15L, 17L), false),
            new Wave1Batch("b-b2-fourth", DigestAlgorithm.SHA_256, List.of(18L), false));

    static final int VERSIONS = 22;
    /** Versions wave 1 had not sealed: 16 (SM3) committed after 17 was sealed. */
    static final List<Long> UNSEALED = List.of(16L, 19L, 20L, 21L, 22L);

    record Wave1Batch(String id, DigestAlgorithm algorithm, List<Long> seqs, boolean anchored) {}

    static DigestAlgorithm algorithmOf(long seq) {
        return seq >= 14 && seq <= 17 ? DigestAlgorithm.SM3 : DigestAlgorithm.SHA_256;
    }

    static String digestOf(long seq) {
        return HexFormat.of()
                .formatHex(algorithmOf(seq).digest(("record version " + seq).getBytes(StandardCharsets.UTF_8)));
    }

    static String receiptIdOf(long seq) {
        return "r-wave1-" + seq;
    }

    /** A database migrated to V6 and filled as wave 1 did; its receipts' proofs as wave 1 gave them, by receipt id. */
    static Map<String, Receipt.Proof> fillAsWave1(DataSource db) {
        flyway(db, "6").migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        Instant accepted = Instant.parse("2026-11-20T08:00:00Z");
        for (long seq = 1; seq <= VERSIONS; seq++) {
            String type = seq % 2 == 0 ? "CONTRACT" : "UNIT";
            jdbc.sql("INSERT INTO record_version (receipt_id, record_type, record_id, version, source_agency, payload,"
                            + " digest, hash_algorithm, revoked, accepted_at) VALUES (?, ?, ?, 1, 'housing', ?, ?, ?,"
                            + " FALSE, ?)")
                    .params(
                            receiptIdOf(seq),
                            type,
                            "W1-" + seq,
                            "{\"n\":" + seq + "}",
                            digestOf(seq),
                            algorithmOf(seq).standardName(),
                            accepted.plusSeconds(seq).atOffset(ZoneOffset.UTC))
                    .update();
            long stored = jdbc.sql("SELECT seq FROM record_version WHERE receipt_id = ?")
                    .param(receiptIdOf(seq))
                    .query(Long.class)
                    .single();
            assertThat(stored).as("the identity numbers versions from 1").isEqualTo(seq);
            // wave 1's outbox row, written with the version
            jdbc.sql("INSERT INTO notary_leaf (seq, digest, hash_algorithm) VALUES (?, ?, ?)")
                    .params(seq, digestOf(seq), algorithmOf(seq).standardName())
                    .update();
        }
        Instant sealed = Instant.parse("2026-11-20T09:00:00Z");
        for (Wave1Batch batch : BATCHES) {
            seal(jdbc, batch, sealed);
            sealed = sealed.plusSeconds(60);
        }
        return wave1Proofs(jdbc);
    }

    /** What wave 1's NotaryBatcher did: the tree, the signed head, the batch row, then each leaf's index and path. */
    static void seal(JdbcClient jdbc, Wave1Batch batch, Instant sealedAt) {
        HexFormat hex = HexFormat.of();
        MerkleTree tree = MerkleTree.fromLeafData(
                MerkleHasher.of(batch.algorithm()),
                batch.seqs().stream().map(seq -> hex.parseHex(digestOf(seq))).toList());
        TreeHead head = new TreeHead(
                batch.id(),
                batch.algorithm().standardName(),
                hex.formatHex(tree.root()),
                batch.seqs().size(),
                sealedAt);
        jdbc.sql("INSERT INTO notary_batch (batch_id, merkle_root, leaf_count, hash_algorithm, state, sealed_at,"
                        + " head_signature, signature_algorithm, signer_certificate, attempts) VALUES (?, ?, ?, ?,"
                        + " 'SEALED', ?, ?, ?, ?, 0)")
                .params(
                        head.batchId(),
                        head.merkleRoot(),
                        head.treeSize(),
                        head.hashAlgorithm(),
                        sealedAt.atOffset(ZoneOffset.UTC),
                        SIGNER.sign(head),
                        SIGNER.algorithmName(),
                        SIGNER.certificatePem())
                .update();
        List<InclusionProof> proofs = tree.allInclusionProofs();
        for (int i = 0; i < batch.seqs().size(); i++) {
            jdbc.sql("UPDATE notary_leaf SET batch_id = ?, leaf_index = ?, audit_path = ? WHERE seq = ?")
                    .params(
                            batch.id(),
                            i,
                            concatenated(proofs.get(i).path()),
                            batch.seqs().get(i))
                    .update();
        }
        if (batch.anchored()) {
            jdbc.sql("UPDATE notary_batch SET state = 'ANCHORED', ledger_mode = 'EMBEDDED', ledger_channel ="
                            + " 'housing', ledger_tx_id = ?, ledger_block = 7, anchored_at = ?, attempts = 1"
                            + " WHERE batch_id = ?")
                    .params("ab".repeat(32), sealedAt.plusSeconds(1).atOffset(ZoneOffset.UTC), batch.id())
                    .update();
        }
    }

    static byte[] concatenated(List<byte[]> path) {
        byte[] out = new byte[path.stream().mapToInt(h -> h.length).sum()];
        int at = 0;
        for (byte[] hash : path) {
            System.arraycopy(hash, 0, out, at, hash.length);
            at += hash.length;
        }
        return out;
    }

    /**
     * Every sealed version's proof as wave 1's Receipts read it from notary_leaf (the stored path cut into hashes of
     * the batch's algorithm's length), checked to lead to the batch's root: the receipts agencies hold.
     */
    static Map<String, Receipt.Proof> wave1Proofs(JdbcClient jdbc) {
        Map<String, Receipt.Proof> proofs = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        jdbc.sql("SELECT r.receipt_id, l.digest, l.leaf_index, l.audit_path, b.batch_id, b.leaf_count, b.merkle_root,"
                        + " b.hash_algorithm FROM notary_leaf l JOIN record_version r ON r.seq = l.seq"
                        + " JOIN notary_batch b ON b.batch_id = l.batch_id ORDER BY l.seq")
                .query((rs, n) -> {
                    DigestAlgorithm algorithm = DigestAlgorithm.byName(rs.getString(8));
                    byte[] path = rs.getBytes(4);
                    List<String> hashes = new ArrayList<>();
                    for (int i = 0; path != null && i < path.length; i += algorithm.length()) {
                        hashes.add(hex.formatHex(path, i, i + algorithm.length()));
                    }
                    Receipt.Proof proof =
                            new Receipt.Proof(rs.getString(5), rs.getInt(3), rs.getInt(6), hashes, rs.getString(7));
                    try {
                        MerkleHasher hasher = MerkleHasher.of(algorithm);
                        InclusionVerifier.verify(
                                hasher,
                                InclusionProof.fromHex(proof.leafIndex(), proof.treeSize(), hashes),
                                hasher.hashLeaf(hex.parseHex(rs.getString(2))),
                                hex.parseHex(proof.merkleRoot()));
                    } catch (Exception e) {
                        throw new AssertionError("the wave-1 fixture's proof of " + rs.getString(1) + " is wrong", e);
                    }
                    return proofs.put(rs.getString(1), proof);
                })
                .list();
        assertThat(proofs).hasSize(VERSIONS - UNSEALED.size());
        return proofs;
    }

    /** The log V7 should write: batches in sealing order, each batch's leaves in leaf order, from position 1. */
    static List<Long> expectedLogSeqs() {
        return BATCHES.stream().flatMap(b -> b.seqs().stream()).toList();
    }

    DataSource db;
    JdbcClient jdbc;

    @Nested
    class MigratingAWave1Database {

        Map<String, Receipt.Proof> wave1;

        @BeforeEach
        void migrated() {
            db = emptyDatabase();
            jdbc = JdbcClient.create(db);
            wave1 = fillAsWave1(db);
            flyway(db, "latest").migrate();
        }

        Receipts receipts() {
            return Receipts.reading(
                    new RecordStore(JdbcClient.create(db), new JdbcTemplate(db)),
                    new NotaryStore(JdbcClient.create(db), new JdbcTemplate(db)));
        }

        @Test
        void everyReceiptIssuedBeforeGetsTheSameProofFromTheLog() {
            Receipts receipts = receipts();
            for (Map.Entry<String, Receipt.Proof> issued : wave1.entrySet()) {
                Receipt now = receipts.byId(issued.getKey()).orElseThrow();
                assertThat(now.proof()).as(issued.getKey()).isEqualTo(issued.getValue());
                assertThat(now.treeHead().merkleRoot())
                        .isEqualTo(issued.getValue().merkleRoot());
            }
            assertThat(receipts.byId(receiptIdOf(1)).orElseThrow().status()).isEqualTo(Receipt.Status.ANCHORED);
            assertThat(receipts.byId(receiptIdOf(14)).orElseThrow().status()).isEqualTo(Receipt.Status.PENDING);
        }

        @Test
        void sealedVersionsTakeDensePositionsFromOneInSealingAndLeafOrder() {
            assertThat(jdbc.sql("SELECT position, seq FROM notary_log ORDER BY position")
                            .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                            .list())
                    .isEqualTo(positioned(expectedLogSeqs()));
            assertThat(jdbc.sql("SELECT batch_id, first_position, leaf_count FROM notary_batch ORDER BY first_position")
                            .query((rs, n) -> rs.getString(1) + "@" + rs.getLong(2) + "+" + rs.getInt(3))
                            .list())
                    .containsExactly("b-d4-first@1+5", "b-a1-second@6+8", "b-c3-third@14+3", "b-b2-fourth@17+1");
            assertThat(jdbc.sql("SELECT next_position FROM notary_log_head")
                            .query(Long.class)
                            .single())
                    .isEqualTo(18);
        }

        @Test
        void versionsNotYetSealedArePendingAndTheNextRoundSealsThemAfterTheMovedOnes() {
            assertThat(jdbc.sql("SELECT seq FROM notary_pending ORDER BY seq")
                            .query(Long.class)
                            .list())
                    .isEqualTo(UNSEALED);
            NotaryStore store = new NotaryStore(JdbcClient.create(db), new JdbcTemplate(db));
            // sealing needs no ledger: it is anchoring that calls it
            NotaryBatcher batcher = new NotaryBatcher(
                    store,
                    null,
                    null,
                    SIGNER,
                    new NotaryProperties(4096, Duration.ofMillis(200), Duration.ofSeconds(5), false, 8),
                    new DataSourceTransactionManager(db),
                    Clock.systemUTC(),
                    new BatchTrees(store, 8));

            // the oldest pending version is SM3 (16), so it is sealed alone first, then the SHA-256 ones
            assertThat(batcher.seal()).isEqualTo(1);
            assertThat(batcher.seal()).isEqualTo(4);
            assertThat(batcher.seal()).isZero();

            List<Long> log = new ArrayList<>(expectedLogSeqs());
            log.addAll(UNSEALED);
            assertThat(jdbc.sql("SELECT position, seq FROM notary_log ORDER BY position")
                            .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                            .list())
                    .isEqualTo(positioned(log));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notary_pending")
                            .query(Long.class)
                            .single())
                    .isZero();
            Receipts receipts = receipts();
            for (long seq : UNSEALED) {
                Receipt receipt = receipts.byId(receiptIdOf(seq)).orElseThrow();
                assertThat(receipt.proof()).as("%s", seq).isNotNull();
                assertLeadsToItsRoot(receipt);
            }
        }

        @Test
        void anOldCursorStandsBeforeTheFirstLoggedVersionWithAGreaterSeq() {
            RecordLog recordLog = new RecordLog(new NotaryStore(JdbcClient.create(db), new JdbcTemplate(db)));
            List<Long> log = expectedLogSeqs();
            for (long seq = 0; seq <= VERSIONS + 1; seq++) {
                long after = seq;
                int first = indexOfFirst(log, s -> s > after);
                long expected = first < 0 ? log.size() : first; // position i+1 is index i: the one before is index
                assertThat(recordLog.positionBeforeSeq(seq))
                        .as("afterSeq=%s", seq)
                        .isEqualTo(expected);
            }
            // a reader whose old cursor was 2 (it had read versions 1 and 2) reads on from version 4, and gets 3 in
            // its place in the log: it skips nothing
            assertThat(recordLog.positionBeforeSeq(2)).isEqualTo(2);
            // one past every sealed version waits at the log's end for the next batch
            assertThat(recordLog.positionBeforeSeq(18)).isEqualTo(17);
        }
    }

    @Nested
    class MigratingAnAlteredDatabase {

        @Test
        void aLeafDigestThatNoLongerMakesItsBatchsRootStopsTheMigrationAndChangesNothing() {
            db = emptyDatabase();
            jdbc = JdbcClient.create(db);
            fillAsWave1(db);
            String altered = digestOf(99);
            jdbc.sql("UPDATE notary_leaf SET digest = ? WHERE batch_id = 'b-a1-second' AND leaf_index = 3")
                    .param(altered)
                    .update();

            assertThatThrownBy(() -> flyway(db, "latest").migrate())
                    .isInstanceOf(FlywayException.class)
                    .hasStackTraceContaining("batch b-a1-second: its leaves make root")
                    .hasStackTraceContaining("not migrated");

            assertThat(tableExists("notary_leaf")).isTrue();
            assertThat(tableExists("notary_log")).isFalse();
            assertThat(tableExists("notary_pending")).isFalse();
            assertThat(tableExists("notary_log_head")).isFalse();
            assertThat(columnExists("notary_batch", "first_position")).isFalse();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notary_leaf")
                            .query(Long.class)
                            .single())
                    .isEqualTo(VERSIONS);
            assertThat(jdbc.sql("SELECT digest FROM notary_leaf WHERE batch_id = 'b-a1-second' AND leaf_index = 3")
                            .query(String.class)
                            .single())
                    .isEqualTo(altered);
            List<String> history = jdbc.sql("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                            + " ORDER BY \"installed_rank\"")
                    .query((rs, n) -> rs.getString(1) + ":" + rs.getBoolean(2))
                    .list();
            // PostgreSQL rolls V7 back with its history row; on H2 (no transactional DDL for Flyway) the history keeps
            // a failed V7 row, so the hub will not start on it again before `flyway repair`: either way V7 is not
            // applied and the wave-1 tables are untouched
            System.out.println("schema history after the refused V7: " + history);
            assertThat(history).contains("6:true").doesNotContain("7:true");
        }

        boolean tableExists(String table) {
            return jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?")
                            .param(table)
                            .query(Long.class)
                            .single()
                    > 0;
        }

        boolean columnExists(String table, String column) {
            return jdbc.sql("SELECT COUNT(*) FROM information_schema.columns WHERE LOWER(table_name) = ?"
                                    + " AND LOWER(column_name) = ?")
                            .params(table, column)
                            .query(Long.class)
                            .single()
                    > 0;
        }
    }

    static List<List<Long>> positioned(List<Long> seqs) {
        List<List<Long>> rows = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            rows.add(List.of(i + 1L, seqs.get(i)));
        }
        return rows;
    }

    static int indexOfFirst(List<Long> seqs, Predicate<Long> test) {
        for (int i = 0; i < seqs.size(); i++) {
            if (test.test(seqs.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static void assertLeadsToItsRoot(Receipt receipt) {
        HexFormat hex = HexFormat.of();
        MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.byName(receipt.hashAlgorithm()));
        Receipt.Proof proof = receipt.proof();
        try {
            InclusionVerifier.verify(
                    hasher,
                    InclusionProof.fromHex(proof.leafIndex(), proof.treeSize(), proof.auditPath()),
                    hasher.hashLeaf(hex.parseHex(receipt.digest())),
                    hex.parseHex(proof.merkleRoot()));
        } catch (Exception e) {
            throw new AssertionError(receipt.receiptId() + "'s proof does not lead to its batch's root", e);
        }
    }
}
