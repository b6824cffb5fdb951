package org.exchangehub.hub.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a check of the audit chain found.
 *
 * @param intact whether every entry and every anchor checked out
 * @param entriesChecked entries recomputed (up to the first bad one)
 * @param anchoredUpTo the highest seq covered by an anchor that matched both the chain and the ledger (0: none)
 * @param entriesPending entries recorded but not chained yet when the check ran: not checked (they have no hashes yet;
 *     the chainer gives them their place within {@code hub.audit.chain-interval}), counted so that a chainer that has
 *     stopped shows
 * @param firstBadSeq the first seq where the chain is broken, null when intact
 * @param reason why it is broken there, null when intact
 * @param detail the values involved, null when intact
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditCheckResult(
        boolean intact,
        long entriesChecked,
        long anchoredUpTo,
        long entriesPending,
        Long firstBadSeq,
        Reason reason,
        String detail) {

    /** Why the chain is broken at the first bad seq. */
    public enum Reason {
        /** The entry's content or hash is not what was chained (an UPDATE of the row). */
        ALTERED,
        /** The seq is absent: entries were deleted (in the middle, at the start or at the end, behind the head). */
        MISSING,
        /** The entry is intact in itself but follows another entry than the one before it (rows moved or swapped). */
        OUT_OF_ORDER,
        /** An anchor's head hash differs from the chain at its seq, or from the root the ledger holds. */
        ANCHOR_MISMATCH
    }

    static AuditCheckResult broken(
            long checked, long anchoredUpTo, long pending, long seq, Reason reason, String detail) {
        return new AuditCheckResult(false, checked, anchoredUpTo, pending, seq, reason, detail);
    }
}
