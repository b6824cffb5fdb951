package org.exchangehub.hub.ledger;

/** The chaincode refused a transaction (a named {@code NotaryError} code); nothing was written to the ledger. */
public class LedgerRefusedException extends RuntimeException {

    private final String code;

    public LedgerRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The chaincode's error code, e.g. {@code BATCH_EXISTS}; {@code UNKNOWN} when the ledger gave none. */
    public String code() {
        return code;
    }
}
