package org.exchangehub.hub.ledger;

/** The ledger could not be reached, or did not confirm a commit in time. The caller keeps its work and retries. */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
