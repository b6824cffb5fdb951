package org.exchangehub.hub.notary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notarizes accepted records in two steps, each its own database transaction so that a crash between them loses
 * nothing and anchors nothing twice:
 *
 * <ol>
 *   <li><b>seal</b>: take up to {@code batchSize} pending leaves, give them the next log positions, build their Merkle
 *       tree, sign its tree head and store the batch (a range of positions; proofs are computed from the log's digests
 *       when a receipt is read);
 *   <li><b>anchor</b>: claim one sealed batch and anchor its root on the ledger under its batch id. Anchoring is
 *       idempotent on the ledger (same id and root), so a batch whose commit status was lost is simply anchored again.
 *       Deliveries follow on their own: a receiver's cursor reads up to the log's anchored prefix.
 * </ol>
 *
 * While the ledger is down, sealed batches wait and are retried with exponential backoff.
 */
@Component
public class NotaryBatcher {

    private static final Logger log = LoggerFactory.getLogger(NotaryBatcher.class);

    private final NotaryStore store;
    private final NotaryLedger ledger;
    private final HubSigner signer;
    private final NotaryProperties properties;
    private final PlatformTransactionManager transactionManager;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final BatchTrees trees;
    private Duration backoff = Duration.ZERO;
    private Instant nextAnchorAttempt = Instant.MIN;

    public NotaryBatcher(
            NotaryStore store,
            NotaryLedger ledger,
            HubSigner signer,
            NotaryProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock,
            BatchTrees trees) {
        this.store = store;
        this.ledger = ledger;
        this.signer = signer;
        this.properties = properties;
        this.transactionManager = transactionManager;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.trees = trees;
    }

    /**
     * A batcher like this one, over the same store, ledger, signer and caches, with other properties (the benchmark
     * seals one record per batch with it).
     */
    public NotaryBatcher with(NotaryProperties other) {
        return new NotaryBatcher(store, ledger, signer, other, transactionManager, clock, trees);
    }

    @Scheduled(fixedDelayString = "${hub.notary.interval:200ms}")
    void onSchedule() {
        if (properties.enabled()) {
            try {
                drain();
            } catch (RuntimeException e) {
                log.error("Notarization round failed; it is retried on the next round", e);
            }
        }
    }

    /**
     * Seals every leaf pending when called and anchors every sealed batch the ledger accepts now.
     *
     * @return the number of records anchored in this call
     */
    public synchronized int drain() {
        while (seal() == properties.batchSize()) {
            // a full batch may have left more pending; a smaller one took every leaf pending when it was claimed, so
            // stop there and anchor rather than chase records committed since (under load that chase seals many small
            // batches and never gets to anchoring)
        }
        int anchored = 0;
        if (clock.instant().isBefore(nextAnchorAttempt)) {
            return 0;
        }
        for (Optional<Integer> leaves = anchorOne(); leaves.isPresent(); leaves = anchorOne()) {
            anchored += leaves.get();
        }
        return anchored;
    }

    /**
     * Seals one batch of pending leaves; returns its size (0 when nothing was pending). Under the log head's lock (one
     * sealer at a time across hub instances) the leaves take the next log positions in order, so the log has no gap
     * and a batch's positions are committed after those of the batch before it.
     */
    public int seal() {
        Integer sealed = transactions.execute(status -> {
            long first = store.lockLogHead();
            List<NotaryStore.PendingLeaf> leaves = store.pending(properties.batchSize());
            if (leaves.isEmpty()) {
                return 0;
            }
            DigestAlgorithm algorithm = DigestAlgorithm.byName(leaves.get(0).hashAlgorithm());
            List<byte[]> digests = new ArrayList<>(leaves.size());
            HexFormat hex = HexFormat.of();
            for (NotaryStore.PendingLeaf leaf : leaves) {
                digests.add(hex.parseHex(leaf.digest()));
            }
            MerkleTree tree = MerkleTree.fromLeafData(MerkleHasher.of(algorithm), digests);
            TreeHead head = new TreeHead(
                    "b-" + UUID.randomUUID(),
                    algorithm.standardName(),
                    hex.formatHex(tree.root()),
                    leaves.size(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            store.insertSealed(
                    head,
                    first,
                    BatchTiles.rootsOf(tree),
                    signer.sign(head),
                    signer.algorithmName(),
                    signer.certificatePem());
            store.appendToLog(first, leaves);
            trees.put(head.batchId(), tree);
            return leaves.size();
        });
        return sealed == null ? 0 : sealed;
    }

    /** Anchors the oldest sealed batch; empty when there is none or the ledger refused or could not be reached. */
    Optional<Integer> anchorOne() {
        return transactions.execute(status -> {
            Optional<NotaryStore.Batch> claimed = store.claimSealed();
            if (claimed.isEmpty()) {
                return Optional.<Integer>empty();
            }
            NotaryStore.Batch batch = claimed.get();
            try {
                NotaryLedger.Anchored anchored = ledger.anchor(
                        batch.batchId(),
                        HexFormat.of().parseHex(batch.merkleRoot()),
                        batch.leafCount(),
                        DigestAlgorithm.byName(batch.hashAlgorithm()));
                // the ledger's time, not ours: a receipt's anchoredAt is checked against the ledger's batch
                store.markAnchored(batch.batchId(), anchored.coordinates(), anchoredAt(anchored));
                backoff = Duration.ZERO;
                nextAnchorAttempt = Instant.MIN;
                return Optional.of(batch.leafCount());
            } catch (LedgerUnavailableException | LedgerRefusedException e) {
                store.markFailed(batch.batchId(), e.getMessage());
                backoff = backoff.isZero()
                        ? properties.interval()
                        : min(backoff.multipliedBy(2), properties.maxBackoff());
                nextAnchorAttempt = clock.instant().plus(backoff);
                log.warn(
                        "Batch {} not anchored (attempt {}), next try in {}: {}",
                        batch.batchId(),
                        batch.attempts() + 1,
                        backoff,
                        e.getMessage());
                return Optional.<Integer>empty();
            }
        });
    }

    private Instant anchoredAt(NotaryLedger.Anchored anchored) {
        Instant onLedger = anchored.batch().anchoredAt();
        return onLedger == null ? clock.instant() : onLedger;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
