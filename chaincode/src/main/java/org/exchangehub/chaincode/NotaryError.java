package org.exchangehub.chaincode;

import org.hyperledger.fabric.shim.ChaincodeException;

/** Why the notary contract refused a transaction; the name is the ChaincodeException's payload and message prefix. */
enum NotaryError {
    /** A batch with that id is already anchored; batches are never overwritten. */
    BATCH_EXISTS,
    /** No batch with that id. */
    BATCH_NOT_FOUND,
    /** Batch id blank, too long, or with characters outside {@code [A-Za-z0-9._:-]}. */
    BATCH_ID_INVALID,
    /** Merkle root not hex of the algorithm's hash length. */
    ROOT_MALFORMED,
    /** Leaf count below 1. */
    LEAF_COUNT_INVALID,
    /** Hash algorithm not SHA-256 or SM3. */
    ALGORITHM_UNKNOWN,
    /** The caller's MSP is not on the ledger's list of MSPs allowed to anchor. */
    IDENTITY_NOT_ALLOWED,
    /** The caller is not an admin (certificate OU=admin, or attribute notary.admin=true). */
    ADMIN_REQUIRED,
    /** MSP id blank, too long, or with characters outside {@code [A-Za-z0-9._-]}. */
    MSP_ID_INVALID,
    /** Revoking an MSP that is not authorized. */
    MSP_NOT_AUTHORIZED,
    /** Proof JSON, leaf hash or path unreadable, or index/path length impossible for the tree size. */
    PROOF_MALFORMED,
    /** List limit outside 1..1000. */
    LIMIT_INVALID,
    /** List cursor (afterSequence) below 0. */
    SEQUENCE_INVALID,
    /**
     * The anchoring transaction's timestamp is before 2001-09-09T01:46:40Z or after 2262: its nanoseconds since 1970,
     * the batch's sequence, would not be 19 digits.
     */
    TIMESTAMP_INVALID;

    /**
     * The refusal to throw: the code is the payload and also leads the message, because a peer passes only the
     * message of a failed transaction on to Fabric Gateway clients ({@code chaincode response 500, <message>}).
     */
    ChaincodeException refusal(String format, Object... values) {
        return new ChaincodeException(this + ": " + String.format(format, values), toString());
    }
}
