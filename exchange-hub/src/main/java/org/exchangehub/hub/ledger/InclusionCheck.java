package org.exchangehub.hub.ledger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The chaincode's answer to {@code VerifyInclusion}: whether the leaf hash and audit path lead to the root stored on
 * the ledger for that batch, and if not, why.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InclusionCheck(
        String batchId, boolean included, long leafIndex, long treeSize, String merkleRoot, String reason) {}
