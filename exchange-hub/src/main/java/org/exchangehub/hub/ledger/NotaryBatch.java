package org.exchangehub.hub.ledger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A batch as the notary chaincode stores it on the ledger: the Merkle root of a batch of record digests. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotaryBatch(
        String batchId,
        String merkleRoot,
        long leafCount,
        String hashAlgorithm,
        String submitterMspId,
        Instant anchoredAt,
        String txId,
        long sequence) {}
