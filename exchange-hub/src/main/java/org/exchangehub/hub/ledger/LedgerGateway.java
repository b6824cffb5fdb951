package org.exchangehub.hub.ledger;

/**
 * A connection to the notary chaincode on a ledger: the embedded one in this process, or a Hyperledger Fabric network.
 * Both run the same contract class, so everything above this interface is the same code in both modes.
 */
public interface LedgerGateway {

    /** Which ledger this is. */
    LedgerMode mode();

    /** The channel the chaincode runs on. */
    String channel();

    /**
     * Submits a transaction and waits until it is committed in a block.
     *
     * @throws LedgerRefusedException the chaincode refused it (nothing was written)
     * @throws LedgerUnavailableException the ledger could not be reached or did not commit in time; try again later
     */
    Submitted submit(String transaction, String... arguments);

    /**
     * Runs a read-only transaction and returns its result; nothing is written.
     *
     * @throws LedgerRefusedException the chaincode refused it
     * @throws LedgerUnavailableException the ledger could not be reached
     */
    byte[] evaluate(String transaction, String... arguments);

    /** The ledger's current block height (number of blocks). */
    long height();

    /**
     * The number of the block holding a committed transaction.
     *
     * @throws LedgerRefusedException {@code TRANSACTION_NOT_FOUND} when the ledger has no such transaction
     */
    long blockNumberOf(String transactionId);

    /** The result of a committed transaction and where it lies on the ledger. */
    record Submitted(byte[] result, String transactionId, long blockNumber) {}
}
