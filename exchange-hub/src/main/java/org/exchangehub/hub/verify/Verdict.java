package org.exchangehub.hub.verify;

/** What verification says about a record, with the CLI's exit code for each. */
public enum Verdict {
    /** The record's digest is included in a batch whose root the ledger holds, and it is the current version. */
    GENUINE(0),
    /** The record (or its receipt) does not match what was anchored. */
    TAMPERED(1),
    /** Nothing anchored and nothing the hub accepted matches it. */
    UNKNOWN(3),
    /** Genuine, but a newer version of the record exists. */
    SUPERSEDED(4),
    /** Genuine, but the record was revoked (a cancelled contract, a revoked filing). */
    REVOKED(5),
    /** Accepted by the hub and not yet anchored. */
    PENDING(6),
    /** Offline without ledger access: record, receipt and the hub's signature agree, the root was not checked. */
    CONSISTENT(7);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
