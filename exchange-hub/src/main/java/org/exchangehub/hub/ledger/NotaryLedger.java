package org.exchangehub.hub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.merkle.InclusionProof;

/**
 * The notary chaincode's transactions as typed calls, over either ledger. This is the only place that knows the
 * chaincode's transaction names and JSON, so the embedded and the Fabric modes share every line above the gateway.
 */
public final class NotaryLedger {

    private static final HexFormat HEX = HexFormat.of();

    /** A batch id the chaincode accepts but no hub gives (theirs are {@code b-<uuid>} and {@code audit-<seq>}). */
    static final String PROBE_BATCH_ID = "hub-probe";

    private final LedgerGateway gateway;
    private final ObjectMapper json =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    public NotaryLedger(LedgerGateway gateway) {
        this.gateway = gateway;
    }

    /** A batch anchored on the ledger and where its transaction lies. */
    public record Anchored(NotaryBatch batch, LedgerCoordinates coordinates) {}

    public LedgerGateway gateway() {
        return gateway;
    }

    /**
     * Anchors a batch's Merkle root. Anchoring is idempotent: when the ledger already holds this batch with the same
     * root, leaf count and algorithm (a retry after a lost commit status), the existing anchor is returned.
     *
     * @throws LedgerRefusedException the chaincode refused, e.g. {@code BATCH_EXISTS} with a different root
     * @throws LedgerUnavailableException the ledger could not be reached; nothing is known to be anchored
     */
    public Anchored anchor(String batchId, byte[] merkleRoot, long leafCount, DigestAlgorithm algorithm) {
        String root = HEX.formatHex(merkleRoot);
        try {
            LedgerGateway.Submitted submitted =
                    gateway.submit("AnchorBatch", batchId, root, Long.toString(leafCount), algorithm.standardName());
            NotaryBatch batch = read(submitted.result(), NotaryBatch.class);
            return new Anchored(batch, coordinates(submitted.transactionId(), submitted.blockNumber()));
        } catch (LedgerRefusedException e) {
            if (!"BATCH_EXISTS".equals(e.code())) {
                throw e;
            }
            NotaryBatch existing = batch(batchId).orElseThrow(() -> e);
            boolean same = existing.merkleRoot().equalsIgnoreCase(root)
                    && existing.leafCount() == leafCount
                    && existing.hashAlgorithm().equals(algorithm.standardName());
            if (!same) {
                throw e;
            }
            return new Anchored(existing, coordinates(existing.txId(), gateway.blockNumberOf(existing.txId())));
        }
    }

    /**
     * The batch as stored on the ledger, or empty when the ledger has no batch with that id (also when the id is one
     * the chaincode would never have accepted: a receipt may carry any text).
     */
    public Optional<NotaryBatch> batch(String batchId) {
        try {
            return Optional.of(read(gateway.evaluate("GetBatch", batchId), NotaryBatch.class));
        } catch (LedgerRefusedException e) {
            if ("BATCH_NOT_FOUND".equals(e.code()) || "BATCH_ID_INVALID".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Asks the chaincode the cheapest question there is (the batch {@value #PROBE_BATCH_ID}, which no hub ever
     * anchors) and returns when it answered: the ledger is up, from this hub to the chaincode.
     *
     * @throws LedgerUnavailableException the ledger could not be reached
     */
    public void probe() {
        try {
            batch(PROBE_BATCH_ID);
        } catch (LedgerRefusedException e) {
            // a refusal is an answer: the chaincode runs
        }
    }

    /** Asks the chaincode whether the leaf hash and proof lead to the batch's root as stored on the ledger. */
    public InclusionCheck verifyInclusion(String batchId, byte[] leafHash, InclusionProof proof) {
        Map<String, Object> proofJson = new LinkedHashMap<>();
        proofJson.put("leafIndex", proof.leafIndex());
        proofJson.put("treeSize", proof.treeSize());
        proofJson.put("path", proof.pathHex());
        byte[] result = gateway.evaluate("VerifyInclusion", batchId, HEX.formatHex(leafHash), write(proofJson));
        return read(result, InclusionCheck.class);
    }

    /** Batches in anchoring order, after the given sequence number. */
    public List<NotaryBatch> batches(long afterSequence, int limit) {
        byte[] result = gateway.evaluate("ListBatches", Long.toString(afterSequence), Integer.toString(limit));
        try {
            return json.readValue(result, new TypeReference<List<NotaryBatch>>() {});
        } catch (java.io.IOException e) {
            throw unreadable("ListBatches", e);
        }
    }

    /** Allows an MSP to anchor batches (an admin transaction). */
    public void authorize(String mspId) {
        gateway.submit("AuthorizeMsp", mspId);
    }

    /** The MSP ids allowed to anchor, sorted. */
    public List<String> authorizedMsps() {
        try {
            return json.readValue(gateway.evaluate("ListAuthorizedMsps"), new TypeReference<List<String>>() {});
        } catch (java.io.IOException e) {
            throw unreadable("ListAuthorizedMsps", e);
        }
    }

    private LedgerCoordinates coordinates(String transactionId, long blockNumber) {
        return new LedgerCoordinates(gateway.mode(), gateway.channel(), transactionId, blockNumber);
    }

    private <T> T read(byte[] result, Class<T> type) {
        try {
            return json.readValue(result, type);
        } catch (java.io.IOException e) {
            throw unreadable(type.getSimpleName(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    private static IllegalStateException unreadable(String what, Exception e) {
        return new IllegalStateException("the notary chaincode answered " + what + " with unreadable JSON", e);
    }
}
