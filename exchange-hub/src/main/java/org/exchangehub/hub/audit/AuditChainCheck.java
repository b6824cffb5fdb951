package org.exchangehub.hub.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangehub.hub.ledger.NotaryBatch;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recomputes the audit chain from its first entry and checks it against the head row and the anchors, each anchor
 * both against the recomputed chain and against the root the ledger holds for its batch. It reads only; it needs no
 * Spring context, so the offline {@code audit-check} command runs the same code as {@code GET /api/v1/audit/check}.
 *
 * <p>Only chained entries are checked; entries still pending (recorded, not yet given their place by the chainer) have
 * no hashes and are only counted. Entries after the last anchor are protected by the chain alone: whoever can write the database could rewrite
 * them consistently, which the next anchor (at most N entries or T seconds later) makes detectable.
 */
public final class AuditChainCheck {

    private static final int PAGE = 1000;

    private final JdbcClient jdbc;
    private final NotaryLedger ledger;

    public AuditChainCheck(JdbcClient jdbc, NotaryLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /**
     * @throws org.exchangehub.hub.ledger.LedgerUnavailableException the ledger could not be read: no verdict
     */
    public AuditCheckResult check() {
        // the head first: every entry up to it was committed with it, so later appends cannot look like gaps
        AuditLog.Head head = AuditLog.head(jdbc);
        long pending = AuditLog.pendingCount(jdbc);
        List<AuditAnchoring.Anchor> anchors = AuditAnchoring.anchors(jdbc);
        Map<Long, String> anchoredSeqs = new HashMap<>();
        anchors.forEach(anchor -> anchoredSeqs.put(anchor.upToSeq(), null));

        Problem problem = null;
        long checked = 0;
        long expectedSeq = 1;
        String previousHash = AuditEntry.GENESIS;
        scan:
        for (long after = 0; ; ) {
            List<AuditEntry> page = jdbc.sql(
                            AuditLog.SELECT + " WHERE seq > ? ORDER BY seq FETCH FIRST " + PAGE + " ROWS ONLY")
                    .param(after)
                    .query(AuditLog::entry)
                    .list();
            for (AuditEntry entry : page) {
                if (entry.seq() > head.seq()) {
                    break scan; // appended since the head was read
                }
                if (entry.seq() != expectedSeq) {
                    problem = new Problem(
                            expectedSeq,
                            AuditCheckResult.Reason.MISSING,
                            "entry " + expectedSeq + " is missing; the next entry is " + entry.seq());
                    break scan;
                }
                Optional<Problem> bad = check(entry, previousHash);
                if (bad.isPresent()) {
                    problem = bad.get();
                    break scan;
                }
                checked++;
                previousHash = entry.entryHash();
                if (anchoredSeqs.containsKey(entry.seq())) {
                    anchoredSeqs.put(entry.seq(), previousHash);
                }
                expectedSeq++;
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        if (problem == null && expectedSeq <= head.seq()) {
            problem = new Problem(
                    expectedSeq,
                    AuditCheckResult.Reason.MISSING,
                    "the head is at entry " + head.seq() + " but the entries end at " + (expectedSeq - 1));
        }
        if (problem == null && expectedSeq - 1 == head.seq() && !head.hash().equals(previousHash)) {
            problem = new Problem(
                    head.seq(),
                    AuditCheckResult.Reason.ALTERED,
                    "the head records hash " + head.hash() + " for entry " + head.seq() + ", the chain gives "
                            + previousHash);
        }

        long anchoredUpTo = 0;
        for (AuditAnchoring.Anchor anchor : anchors) {
            if (problem != null && anchor.upToSeq() >= problem.seq()) {
                break;
            }
            Optional<String> mismatch = mismatch(anchor, anchoredSeqs.get(anchor.upToSeq()));
            if (mismatch.isPresent()) {
                problem = new Problem(anchor.upToSeq(), AuditCheckResult.Reason.ANCHOR_MISMATCH, mismatch.get());
                break;
            }
            anchoredUpTo = anchor.upToSeq();
        }
        if (problem == null) {
            return new AuditCheckResult(true, checked, anchoredUpTo, pending, null, null, null);
        }
        return AuditCheckResult.broken(
                checked, anchoredUpTo, pending, problem.seq(), problem.reason(), problem.detail());
    }

    private record Problem(long seq, AuditCheckResult.Reason reason, String detail) {}

    private static Optional<Problem> check(AuditEntry entry, String previousHash) {
        AuditEvent event = entry.event();
        String recomputed;
        try {
            recomputed = event.actorKind() == null || event.operation() == null
                    ? null
                    : AuditEntry.hash(entry.previousHash(), entry.time(), event);
        } catch (IllegalArgumentException e) {
            recomputed = null; // the stored previous hash is not hex
        }
        if (recomputed == null || !recomputed.equals(entry.entryHash())) {
            return Optional.of(new Problem(
                    entry.seq(),
                    AuditCheckResult.Reason.ALTERED,
                    "entry " + entry.seq() + " hashes to " + recomputed + ", stored " + entry.entryHash()));
        }
        if (!entry.previousHash().equals(previousHash)) {
            return Optional.of(new Problem(
                    entry.seq(),
                    AuditCheckResult.Reason.OUT_OF_ORDER,
                    "entry " + entry.seq() + " follows hash " + entry.previousHash() + ", but the entry before it"
                            + " hashes to " + previousHash));
        }
        return Optional.empty();
    }

    /** Why an anchor does not match the chain or the ledger, if it does not. */
    private Optional<String> mismatch(AuditAnchoring.Anchor anchor, String chainHash) {
        if (chainHash == null) {
            return Optional.of("anchor up to " + anchor.upToSeq() + " lies beyond the chain's entries");
        }
        if (!chainHash.equalsIgnoreCase(anchor.headHash())) {
            return Optional.of("anchor up to " + anchor.upToSeq() + " records head " + anchor.headHash()
                    + ", the chain gives " + chainHash);
        }
        Optional<NotaryBatch> onLedger = ledger.batch(anchor.batchId());
        if (onLedger.isEmpty()) {
            return Optional.of("the ledger has no batch " + anchor.batchId());
        }
        NotaryBatch batch = onLedger.get();
        if (!batch.batchId().equals(AuditAnchoring.batchId(anchor.upToSeq()))
                || !batch.merkleRoot().equalsIgnoreCase(chainHash)
                || batch.leafCount() != anchor.upToSeq()) {
            return Optional.of("the ledger holds batch " + batch.batchId() + " with root " + batch.merkleRoot()
                    + " over " + batch.leafCount() + " entries; the chain gives " + chainHash + " at "
                    + anchor.upToSeq());
        }
        if (!batch.txId().equals(anchor.ledgerTransactionId())) {
            return Optional.of("anchor up to " + anchor.upToSeq() + " names ledger transaction "
                    + anchor.ledgerTransactionId() + ", the ledger anchored it in " + batch.txId());
        }
        return Optional.empty();
    }
}
