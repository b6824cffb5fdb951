package org.exchangehub.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.chaincode.NotaryContract;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.TestIdentities;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import org.exchangehub.merkle.InclusionProof;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The real notary chaincode on the real embedded ledger, driven through {@link NotaryLedger} exactly as the hub drives
 * it: every transaction and every refusal code.
 */
class NotaryContractOnEmbeddedLedgerTests {

    static final LedgerIdentity ORDERER = TestIdentities.ledgerIdentity("HubMSP", "ledger0", "orderer");
    static final LedgerIdentity ADMIN = TestIdentities.ledgerIdentity("HubMSP", "Admin", "admin");
    static final LedgerIdentity HUB = TestIdentities.ledgerIdentity("HubMSP", "hub", "client");
    static final LedgerIdentity STRANGER = TestIdentities.ledgerIdentity("StrangerMSP", "someone", "client");
    static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    DataSource dataSource;
    EmbeddedLedgerGateway gateway;
    NotaryLedger hub;
    NotaryLedger admin;

    @BeforeEach
    void ledgerWithHubAuthorized() {
        dataSource = TestDatabases.h2(dir);
        gateway = new EmbeddedLedgerGateway(
                JdbcClient.create(dataSource),
                new DataSourceTransactionManager(dataSource),
                new NotaryContract(),
                HUB,
                ORDERER,
                "housing",
                Clock.systemUTC(),
                certificate -> certificate.equals(ORDERER.certificate()));
        hub = new NotaryLedger(gateway);
        admin = new NotaryLedger(gateway.as(ADMIN));
        admin.authorize("HubMSP");
    }

    static MerkleTree tree(DigestAlgorithm algorithm, int leaves) {
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            digests.add(algorithm.digest(("record " + i).getBytes(StandardCharsets.UTF_8)));
        }
        MerkleHasher hasher = MerkleHasher.of(algorithm);
        return MerkleTree.fromLeafData(hasher, digests);
    }

    static void refusedWith(String code, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(LedgerRefusedException.class)
                .extracting(e -> ((LedgerRefusedException) e).code())
                .isEqualTo(code);
    }

    @Nested
    class AnchorBatch {

        @Test
        void storesTheBatchWithTheTransactionsTimeAndCoordinates() {
            MerkleTree tree = tree(DigestAlgorithm.SHA_256, 5);

            NotaryLedger.Anchored anchored = hub.anchor("batch-1", tree.root(), 5, DigestAlgorithm.SHA_256);

            NotaryBatch batch = anchored.batch();
            assertThat(batch.batchId()).isEqualTo("batch-1");
            assertThat(batch.merkleRoot()).isEqualTo(HEX.formatHex(tree.root()));
            assertThat(batch.leafCount()).isEqualTo(5);
            assertThat(batch.hashAlgorithm()).isEqualTo("SHA-256");
            assertThat(batch.submitterMspId()).isEqualTo("HubMSP");
            // The sequence is the transaction's time in nanoseconds (docs/adr/0011), not a count.
            assertThat(batch.sequence())
                    .isEqualTo(batch.anchoredAt().getEpochSecond() * 1_000_000_000L
                            + batch.anchoredAt().getNano());
            assertThat(batch.txId()).isEqualTo(anchored.coordinates().transactionId());
            assertThat(anchored.coordinates())
                    .isEqualTo(new LedgerCoordinates(LedgerMode.EMBEDDED, "housing", batch.txId(), 1));
            assertThat(hub.batch("batch-1")).contains(batch);
            assertThat(JdbcClient.create(dataSource)
                            .sql("SELECT event_name FROM ledger_transaction WHERE tx_id = ?")
                            .param(batch.txId())
                            .query(String.class)
                            .single())
                    .isEqualTo("BatchAnchored");
        }

        @Test
        void isIdempotentForTheSameRootAndRefusesAnother() {
            MerkleTree tree = tree(DigestAlgorithm.SM3, 3);
            NotaryLedger.Anchored first = hub.anchor("b", tree.root(), 3, DigestAlgorithm.SM3);

            NotaryLedger.Anchored again = hub.anchor("b", tree.root(), 3, DigestAlgorithm.SM3);

            assertThat(again).isEqualTo(first);
            refusedWith(
                    "BATCH_EXISTS",
                    () -> hub.anchor("b", tree(DigestAlgorithm.SM3, 4).root(), 4, DigestAlgorithm.SM3));
            assertThat(gateway.height()).isEqualTo(2);
        }

        @Test
        void refusesAnUnauthorizedMsp() {
            NotaryLedger stranger = new NotaryLedger(gateway.as(STRANGER));

            refusedWith("IDENTITY_NOT_ALLOWED", () -> stranger.anchor("x", new byte[32], 1, DigestAlgorithm.SHA_256));
            assertThat(hub.batch("x")).isEmpty();
        }

        @Test
        void refusesMalformedInput() {
            refusedWith("BATCH_ID_INVALID", () -> hub.anchor("bad id", new byte[32], 1, DigestAlgorithm.SHA_256));
            refusedWith("ROOT_MALFORMED", () -> hub.anchor("short-root", new byte[31], 1, DigestAlgorithm.SHA_256));
            refusedWith("LEAF_COUNT_INVALID", () -> hub.anchor("none", new byte[32], 0, DigestAlgorithm.SHA_256));
            refusedWith("ALGORITHM_UNKNOWN", () -> gateway.submit("AnchorBatch", "md5", "00".repeat(32), "1", "MD5"));
            assertThat(gateway.height()).isEqualTo(1);
        }
    }

    @Nested
    class AuthorizeAndRevoke {

        @Test
        void onlyAnAdminMayChangeTheAuthorizedMsps() {
            refusedWith("ADMIN_REQUIRED", () -> hub.authorize("Org2MSP"));

            admin.authorize("Org2MSP");

            assertThat(hub.authorizedMsps()).containsExactly("HubMSP", "Org2MSP");
        }

        @Test
        void revokingStopsAnchoring() {
            admin.gateway().submit("RevokeMsp", "HubMSP");

            refusedWith("IDENTITY_NOT_ALLOWED", () -> hub.anchor("late", new byte[32], 1, DigestAlgorithm.SHA_256));
            refusedWith("MSP_NOT_AUTHORIZED", () -> admin.gateway().submit("RevokeMsp", "HubMSP"));
            refusedWith("MSP_ID_INVALID", () -> admin.authorize("not an msp id!"));
        }
    }

    @Nested
    class VerifyInclusion {

        @Test
        void everyLeafOfAnAnchoredTreeIsIncludedAndAForeignLeafIsNot() {
            MerkleTree tree = tree(DigestAlgorithm.SHA_256, 13);
            hub.anchor("thirteen", tree.root(), 13, DigestAlgorithm.SHA_256);
            List<InclusionProof> proofs = tree.allInclusionProofs();

            for (int i = 0; i < 13; i++) {
                InclusionCheck check = hub.verifyInclusion("thirteen", tree.leafHash(i), proofs.get(i));
                assertThat(check.included()).as("leaf %d", i).isTrue();
                assertThat(check.merkleRoot()).isEqualTo(HEX.formatHex(tree.root()));
            }
            InclusionCheck forged = hub.verifyInclusion("thirteen", new byte[32], proofs.get(3));
            assertThat(forged.included()).isFalse();
            assertThat(forged.reason()).isNotBlank();
        }

        @Test
        void aProofForAnotherTreeSizeIsNotIncluded() {
            MerkleTree tree = tree(DigestAlgorithm.SHA_256, 4);
            hub.anchor("four", tree.root(), 4, DigestAlgorithm.SHA_256);
            MerkleTree bigger = tree(DigestAlgorithm.SHA_256, 5);

            InclusionCheck check = hub.verifyInclusion("four", bigger.leafHash(0), bigger.inclusionProof(0));

            assertThat(check.included()).isFalse();
            assertThat(check.reason()).contains("5");
        }

        @Test
        void refusesMalformedProofsAndUnknownBatches() {
            MerkleTree tree = tree(DigestAlgorithm.SHA_256, 4);
            hub.anchor("four", tree.root(), 4, DigestAlgorithm.SHA_256);

            refusedWith(
                    "PROOF_MALFORMED",
                    () -> hub.verifyInclusion("four", tree.leafHash(0), new InclusionProof(9, 4, List.of())));
            refusedWith("PROOF_MALFORMED", () -> gateway.evaluate("VerifyInclusion", "four", "zz", "{}"));
            refusedWith("BATCH_NOT_FOUND", () -> hub.verifyInclusion("nope", tree.leafHash(0), tree.inclusionProof(0)));
        }
    }

    @Nested
    class ListBatches {

        @Test
        void listsInAnchoringOrderAfterACursor() {
            for (String id : List.of("c", "a", "b")) {
                hub.anchor(id, tree(DigestAlgorithm.SHA_256, 2).root(), 2, DigestAlgorithm.SHA_256);
            }

            List<NotaryBatch> all = hub.batches(0, 10);
            assertThat(all).extracting(NotaryBatch::batchId).containsExactly("c", "a", "b");
            assertThat(hub.batches(all.get(0).sequence(), 1))
                    .extracting(NotaryBatch::batchId)
                    .containsExactly("a");
            refusedWith("LIMIT_INVALID", () -> hub.batches(0, 0));
        }
    }

    @Nested
    class ConcurrentAnchors {

        /**
         * Two anchorers at once, as two hub instances (or the record and the audit anchoring) would: each anchor is
         * accepted the first time, with no retry, and both are listed.
         */
        @Test
        void twoThreadsAnchoringAtOnceAreBothAcceptedTheFirstTime() throws Exception {
            int perThread = 20;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<List<String>>> anchorers = new ArrayList<>();
                for (String instance : List.of("hub-a", "hub-b")) {
                    anchorers.add(threads.submit(() -> {
                        start.await();
                        List<String> transactions = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            MerkleTree tree = tree(DigestAlgorithm.SHA_256, i + 1);
                            transactions.add(hub.anchor(instance + "-" + i, tree.root(), i + 1, DigestAlgorithm.SHA_256)
                                    .coordinates()
                                    .transactionId());
                        }
                        return transactions;
                    }));
                }
                List<String> transactions = new ArrayList<>();
                for (var anchorer : anchorers) {
                    transactions.addAll(anchorer.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }

                // One transaction per anchor: none was refused or resubmitted.
                assertThat(JdbcClient.create(dataSource)
                                .sql("SELECT tx_id FROM ledger_transaction WHERE function_name = 'AnchorBatch'")
                                .query(String.class)
                                .list())
                        .containsExactlyInAnyOrderElementsOf(transactions);
                List<NotaryBatch> listed = hub.batches(0, 1000);
                assertThat(listed).hasSize(2 * perThread);
                assertThat(listed).extracting(NotaryBatch::sequence).isSorted();
                assertThat(gateway.checkChain().intact()).isTrue();
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void theLedgerStaysIntactThroughAllOfIt() {
        MerkleTree tree = tree(DigestAlgorithm.SHA_256, 8);
        hub.anchor("eight", tree.root(), 8, DigestAlgorithm.SHA_256);

        assertThat(gateway.checkChain().intact()).isTrue();
        assertThat(gateway.height()).isEqualTo(2);
    }
}
