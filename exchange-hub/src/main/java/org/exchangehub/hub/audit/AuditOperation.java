package org.exchangehub.hub.audit;

/** What an audited call did (or tried to do). */
public enum AuditOperation {
    PUBLISH,
    READ_RECORD,
    READ_RECEIPT,
    READ_FEED,
    VERIFY,
    PORTAL_QUERY,
    DELIVERY_STATUS,
    DEAD_LETTER_LIST,
    DEAD_LETTER_REPLAY,
    /** An operator's check of the embedded ledger's chain ({@code GET /api/v1/ledger/check}). */
    LEDGER_CHECK,
    /** A call to no known operation (an unknown path or method), refused. */
    OTHER
}
