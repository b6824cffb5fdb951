package org.exchangehub.hub.notary;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.ledger.LedgerProbe;
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
 * Notarizes accepted records in two steps, each on its own scheduled job so that sealing batch n+1 overlaps the
 * anchoring of batch n, and each in short database transactions of its own so that a crash between them loses nothing:
 *
 * <ol>
 *   <li><b>seal</b>: take up to {@code batchSize} pending leaves, give them the next log positions, build their Merkle
 *       tree, sign its tree head and store the batch (a range of positions; proofs are computed from the log's digests
 *       when a receipt is read);
 *   <li><b>anchor</b>: claim one sealed batch with a lease (a short transaction), anchor its root on the ledger under
 *       its batch id with no transaction open and no row locked, then record the outcome (another short transaction)
 *       only while the claim is still ours. Anchoring is idempotent on the ledger (same id and root), so a batch whose
 *       commit status was lost, or that another instance takes over after this one died or its lease ran out, is
 *       simply anchored again and the ledger answers with the one anchor it holds. Batches may be anchored in any
 *       order, by several instances at once: the log's positions were given at sealing, and deliveries read up to the
 *       log's anchored prefix (up to the first batch still sealed), which stays contiguous.
 * </ol>
 *
 * While the ledger is down, sealed batches wait; the ledger is probed every {@code probe-interval} (a cheap read), and
 * the first probe it answers lets them be anchored at once (ADR 10).
 */
@Component
public class NotaryBatcher {

    private static final Logger log = LoggerFactory.getLogger(NotaryBatcher.class);

    private final NotaryStore store;
    private final NotaryLedger ledger;
    private final LedgerProbe probe;
    private final HubSigner signer;
    private final NotaryProperties properties;
    private final PlatformTransactionManager transactionManager;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final BatchTrees trees;
    /** This batcher's name in its claims: the process, the host, and a random tag (two hubs may share a JVM). */
    private final String claimer;

    private final AtomicLong claims = new AtomicLong();

    public NotaryBatcher(
            NotaryStore store,
            NotaryLedger ledger,
            LedgerProbe probe,
            HubSigner signer,
            NotaryProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock,
            BatchTrees trees) {
        this.store = store;
        this.ledger = ledger;
        this.probe = probe;
        this.signer = signer;
        this.properties = properties;
        this.transactionManager = transactionManager;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.trees = trees;
        this.claimer = claimerName();
    }

    /**
     * A batcher like this one, over the same store, ledger, signer and caches, with other properties (the benchmark
     * seals one record per batch with it).
     */
    public NotaryBatcher with(NotaryProperties other) {
        return new NotaryBatcher(store, ledger, probe, signer, other, transactionManager, clock, trees);
    }

    @Scheduled(fixedDelayString = "${hub.notary.interval:200ms}")
    void sealOnSchedule() {
        if (properties.enabled()) {
            try {
                sealPending();
            } catch (RuntimeException e) {
                log.error("Sealing round failed; it is retried on the next round", e);
            }
        }
    }

    @Scheduled(fixedDelayString = "${hub.notary.interval:200ms}")
    void anchorOnSchedule() {
        if (properties.enabled()) {
            try {
                anchorSealed();
            } catch (RuntimeException e) {
                log.error("Anchoring round failed; it is retried on the next round", e);
            }
        }
    }

    /**
     * Seals every leaf pending when called and anchors every sealed batch the ledger accepts now, on the calling
     * thread (the benchmark and the tests drive the notary with it; the hub's own jobs seal and anchor apart).
     *
     * @return the number of records anchored in this call
     */
    public int drain() {
        sealPending();
        return anchorSealed();
    }

    /** Seals batches until a batch is not full; returns the number of leaves sealed. */
    int sealPending() {
        int total = 0;
        int sealed;
        do {
            sealed = seal();
            total += sealed;
            // a full batch may have left more pending; a smaller one took every leaf pending when it was claimed, so
            // stop there rather than chase records committed since (the next round takes them)
        } while (sealed == properties.batchSize());
        return total;
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

    /**
     * Anchors sealed batches, oldest first, until none is left to claim or the ledger is down; returns the number of
     * records anchored. While the ledger is known to be down, it waits for the next probe: none is made before {@code
     * probe-interval} has passed since the ledger was last seen down, and the first that the ledger answers lets the
     * anchoring start at once.
     */
    int anchorSealed() {
        if (probe.seenDown() && (probe.waitBeforeCalling(properties.probeInterval()) || !probe.probe())) {
            return 0;
        }
        int anchored = 0;
        for (Optional<Integer> leaves = anchorOne(); leaves.isPresent(); leaves = anchorOne()) {
            anchored += leaves.get();
        }
        return anchored;
    }

    /**
     * Claims the oldest sealed batch no one holds and anchors it: the number of its records anchored by this call (0
     * when the ledger refused it or another claim took it over), or empty when there was none to claim or the ledger
     * could not be reached.
     */
    Optional<Integer> anchorOne() {
        Instant now = clock.instant();
        String holder = claimer + "#" + claims.incrementAndGet();
        Optional<NotaryStore.Batch> claimed = store.claimSealed(holder, now, now.plus(properties.lease()));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        NotaryStore.Batch batch = claimed.get();
        NotaryLedger.Anchored anchored;
        try {
            // no transaction is open and no row locked here: the claim is the lease just committed
            anchored = ledger.anchor(
                    batch.batchId(),
                    HexFormat.of().parseHex(batch.merkleRoot()),
                    batch.leafCount(),
                    DigestAlgorithm.byName(batch.hashAlgorithm()));
        } catch (LedgerUnavailableException e) {
            probe.down(e.getMessage());
            // claimable again at once (by any instance): the probe, not the batch, says when the ledger is called again
            store.release(batch.batchId(), holder, e.getMessage(), null);
            log.warn(
                    "Batch {} not anchored (attempt {}): the ledger is not reachable, probing it every {}: {}",
                    batch.batchId(),
                    batch.attempts() + 1,
                    properties.probeInterval(),
                    e.getMessage());
            return Optional.empty();
        } catch (LedgerRefusedException e) {
            probe.up();
            Duration wait = retryWait(batch.attempts() + 1);
            store.release(
                    batch.batchId(), holder, e.getMessage(), clock.instant().plus(wait));
            log.warn(
                    "Batch {} refused by the ledger (attempt {}), next try in {}: {}",
                    batch.batchId(),
                    batch.attempts() + 1,
                    wait,
                    e.getMessage());
            // a refusal is about this batch: the others go on
            return Optional.of(0);
        }
        probe.up();
        // the ledger's time, not ours: a receipt's anchoredAt is checked against the ledger's batch
        if (!store.markAnchored(batch.batchId(), holder, anchored.coordinates(), anchoredAt(anchored))) {
            log.info(
                    "Batch {} was claimed by another instance after this claim's lease ran out; that claim records the"
                            + " anchor (the ledger holds one, transaction {})",
                    batch.batchId(),
                    anchored.coordinates().transactionId());
            return Optional.of(0);
        }
        return Optional.of(batch.leafCount());
    }

    /** The wait before a refused batch is tried again: the interval, doubled per attempt, at most {@code maxBackoff}. */
    private Duration retryWait(int attempts) {
        Duration wait = properties.interval();
        for (int i = 1; i < attempts && wait.compareTo(properties.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.maxBackoff()) < 0 ? wait : properties.maxBackoff();
    }

    private static String claimerName() {
        String process = ManagementFactory.getRuntimeMXBean().getName();
        if (process.length() > 80) {
            process = process.substring(0, 80);
        }
        return process + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }

    private Instant anchoredAt(NotaryLedger.Anchored anchored) {
        Instant onLedger = anchored.batch().anchoredAt();
        return onLedger == null ? clock.instant() : onLedger;
    }
}
