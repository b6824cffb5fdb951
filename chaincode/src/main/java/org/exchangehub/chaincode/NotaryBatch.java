package org.exchangehub.chaincode;

import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * One anchored batch as the ledger keeps it: the Merkle root of a batch of record digests, and who anchored it, when,
 * in which transaction and at which place in the anchoring order.
 *
 * @param batchId the hub's id for the batch
 * @param merkleRoot root of the batch's tree, lowercase hex
 * @param leafCount number of leaves (records) in the tree
 * @param hashAlgorithm standard name of the tree's hash function ({@code SHA-256} or {@code SM3})
 * @param submitterMspId MSP id of the identity that anchored it
 * @param anchoredAt the anchoring transaction's timestamp, ISO-8601 instant (UTC)
 * @param txId the anchoring transaction's id
 * @param sequence its place in the listing order: the anchoring transaction's timestamp in nanoseconds since 1970
 *     (chaincode 0.2+, at least 10^18); 1, 2, 3, ... for the batches chaincode 0.1 anchored, which come first
 */
@DataType
public record NotaryBatch(
        @Property String batchId,
        @Property String merkleRoot,
        @Property long leafCount,
        @Property String hashAlgorithm,
        @Property String submitterMspId,
        @Property String anchoredAt,
        @Property String txId,
        @Property long sequence) {

    public NotaryBatch {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(merkleRoot, "merkleRoot");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        Objects.requireNonNull(submitterMspId, "submitterMspId");
        Objects.requireNonNull(anchoredAt, "anchoredAt");
        Objects.requireNonNull(txId, "txId");
    }

    /** The JSON stored on the ledger and returned by the contract: keys sorted, no whitespace. */
    public String toJson() {
        return SortedJson.object(fields());
    }

    /** The JSON fields, for writers that embed a batch in a larger document. */
    Map<String, Object> fields() {
        return Map.of(
                "anchoredAt", anchoredAt,
                "batchId", batchId,
                "hashAlgorithm", hashAlgorithm,
                "leafCount", leafCount,
                "merkleRoot", merkleRoot,
                "sequence", sequence,
                "submitterMspId", submitterMspId,
                "txId", txId);
    }

    /**
     * Reads the JSON written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException the text is not such a JSON object
     */
    public static NotaryBatch fromJson(String json) {
        try {
            JSONObject object = new JSONObject(json);
            return new NotaryBatch(
                    object.getString("batchId"),
                    object.getString("merkleRoot"),
                    object.getLong("leafCount"),
                    object.getString("hashAlgorithm"),
                    object.getString("submitterMspId"),
                    object.getString("anchoredAt"),
                    object.getString("txId"),
                    object.getLong("sequence"));
        } catch (JSONException e) {
            throw new IllegalArgumentException("not a notary batch: " + e.getMessage(), e);
        }
    }
}
