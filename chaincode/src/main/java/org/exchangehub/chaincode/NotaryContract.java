package org.exchangehub.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.certs.digest.UnknownAlgorithmException;
import org.exchangehub.merkle.InclusionVerifier;
import org.exchangehub.merkle.MalformedProofException;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.RootMismatchException;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The notary chaincode: anchors the Merkle root of each batch of record digests, once, from authorized MSPs only, and
 * checks inclusion proofs against the anchored roots.
 *
 * <p>Deterministic on every peer: time and ids come from the transaction, JSON keys are sorted, nothing iterates a
 * hash map. Transactions return JSON strings rather than objects so that the shim's serializer, whose key order is not
 * fixed, never touches a response that peers must agree on byte for byte.
 */
@Contract(
        name = "notary",
        info =
                @Info(
                        title = "Notary",
                        description = "Anchors Merkle roots of notarized record batches and verifies inclusion proofs",
                        version = "0.2.0",
                        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")))
@Default
public final class NotaryContract implements ContractInterface {

    static final String BATCH_ANCHORED = "BatchAnchored";
    static final String MSP_AUTHORIZED = "MspAuthorized";
    static final String MSP_REVOKED = "MspRevoked";
    static final int MAX_LIMIT = 1000;
    /** 2001-09-09T01:46:40Z in nanoseconds: the least sequence an anchor gets; below are chaincode 0.1's counts. */
    static final long FIRST_TIMED_SEQUENCE = 1_000_000_000_000_000_000L;

    // Printable, no composite-key delimiters (U+0000, U+10FFFF), safe in URLs and file names.
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]*");

    /** Anchors a batch's root; returns the stored batch JSON and emits it as event {@value #BATCH_ANCHORED}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String AnchorBatch(Context ctx, String batchId, String merkleRootHex, long leafCount, String hashAlgorithm) {
        ChaincodeStub stub = ctx.getStub();
        NotaryState state = new NotaryState(stub);
        String mspId = ctx.getClientIdentity().getMSPID();
        SortedSet<String> authorized = state.authorizedMsps();
        if (!authorized.contains(mspId)) {
            throw NotaryError.IDENTITY_NOT_ALLOWED.refusal(
                    "MSP %s may not anchor batches; authorized MSPs: %s", mspId, authorized);
        }
        requireBatchId(batchId);
        DigestAlgorithm algorithm = algorithm(hashAlgorithm);
        String root = root(merkleRootHex, algorithm);
        if (leafCount < 1) {
            throw NotaryError.LEAF_COUNT_INVALID.refusal("batch %s has leaf count %d; at least 1", batchId, leafCount);
        }
        state.batch(batchId).ifPresent(existing -> {
            throw NotaryError.BATCH_EXISTS.refusal(
                    "batch %s is already anchored with root %s in transaction %s",
                    batchId, existing.merkleRoot(), existing.txId());
        });
        Instant time = stub.getTxTimestamp();
        NotaryBatch batch = new NotaryBatch(
                batchId,
                root,
                leafCount,
                algorithm.standardName(),
                mspId,
                time.toString(),
                stub.getTxId(),
                sequence(time));
        state.append(batch);
        String json = batch.toJson();
        stub.setEvent(BATCH_ANCHORED, json.getBytes(UTF_8));
        return json;
    }

    /** Allows an MSP to anchor batches (admins only); returns the sorted list of authorized MSP ids. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String AuthorizeMsp(Context ctx, String mspId) {
        requireAdmin(ctx);
        requireMspId(mspId);
        NotaryState state = new NotaryState(ctx.getStub());
        SortedSet<String> msps = new TreeSet<>(state.authorizedMsps());
        msps.add(mspId);
        return changeMsps(ctx, state, msps, MSP_AUTHORIZED, mspId);
    }

    /** Withdraws an MSP's right to anchor (admins only); returns the sorted list of authorized MSP ids. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RevokeMsp(Context ctx, String mspId) {
        requireAdmin(ctx);
        requireMspId(mspId);
        NotaryState state = new NotaryState(ctx.getStub());
        SortedSet<String> msps = new TreeSet<>(state.authorizedMsps());
        if (!msps.remove(mspId)) {
            throw NotaryError.MSP_NOT_AUTHORIZED.refusal("MSP %s is not authorized; authorized MSPs: %s", mspId, msps);
        }
        return changeMsps(ctx, state, msps, MSP_REVOKED, mspId);
    }

    /** The MSP ids allowed to anchor, as a sorted JSON array. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListAuthorizedMsps(Context ctx) {
        return SortedJson.array(new NotaryState(ctx.getStub()).authorizedMsps());
    }

    /** The anchored batch's JSON. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetBatch(Context ctx, String batchId) {
        return batch(new NotaryState(ctx.getStub()), batchId).toJson();
    }

    /**
     * Checks a leaf's inclusion proof against the batch's anchored root; {@code "included":false} with a reason when
     * the proof is well formed but does not lead to that root or is for a tree of another size.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String VerifyInclusion(Context ctx, String batchId, String leafHashHex, String proofJson) {
        NotaryBatch batch = batch(new NotaryState(ctx.getStub()), batchId);
        InclusionClaim claim;
        try {
            claim = InclusionClaim.parse(leafHashHex, proofJson);
        } catch (IllegalArgumentException e) {
            throw NotaryError.PROOF_MALFORMED.refusal("proof for batch %s: %s", batchId, e.getMessage());
        }
        MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.byName(batch.hashAlgorithm()));
        String reason = null;
        try {
            if (claim.proof().treeSize() != batch.leafCount()) {
                // Still rejected if it could not be checked at all, so "malformed" never passes as merely "false".
                InclusionVerifier.rootFromInclusionProof(
                        hasher,
                        claim.proof().leafIndex(),
                        claim.proof().treeSize(),
                        claim.leafHash(),
                        claim.proof().path());
                reason = String.format(
                        "proof is for a tree of %d leaves; batch %s has %d",
                        claim.proof().treeSize(), batchId, batch.leafCount());
            } else {
                byte[] anchoredRoot = HexFormat.of().parseHex(batch.merkleRoot());
                InclusionVerifier.verify(hasher, claim.proof(), claim.leafHash(), anchoredRoot);
            }
        } catch (MalformedProofException e) {
            throw NotaryError.PROOF_MALFORMED.refusal("proof for batch %s: %s", batchId, e.getMessage());
        } catch (RootMismatchException e) {
            reason = e.getMessage();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("batchId", batchId);
        result.put("included", reason == null);
        result.put("leafIndex", claim.proof().leafIndex());
        result.put("treeSize", claim.proof().treeSize());
        result.put("merkleRoot", batch.merkleRoot());
        if (reason != null) {
            result.put("reason", reason);
        }
        return SortedJson.object(result);
    }

    /**
     * Up to {@code limit} (1..1000) batches with sequence above {@code afterSequence}, in sequence order (more than
     * {@code limit} only to finish a run of batches that share the last sequence).
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListBatches(Context ctx, long afterSequence, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw NotaryError.LIMIT_INVALID.refusal("limit %d is not within 1..%d", limit, MAX_LIMIT);
        }
        if (afterSequence < 0) {
            throw NotaryError.SEQUENCE_INVALID.refusal("afterSequence %d is below 0", afterSequence);
        }
        NotaryState state = new NotaryState(ctx.getStub());
        List<Map<String, Object>> page = new ArrayList<>();
        for (NotaryState.Place place : state.placesAfter(afterSequence, limit)) {
            page.add(batch(state, place.batchId()).fields());
        }
        return SortedJson.array(page);
    }

    /**
     * A batch's sequence: its transaction's timestamp in nanoseconds since 1970. Taken from the transaction rather
     * than from a counter, so that no key is written by every anchor (a counter would make concurrent anchors fail
     * Fabric's MVCC check, docs/adr/0011). From 10^18 on, so that it sorts after every sequence chaincode 0.1 counted.
     */
    private static long sequence(Instant time) {
        long sequence;
        try {
            sequence = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            sequence = -1;
        }
        if (sequence < FIRST_TIMED_SEQUENCE) {
            throw NotaryError.TIMESTAMP_INVALID.refusal(
                    "transaction timestamp %s is not within %s..%s (a batch's sequence is its nanoseconds since 1970)",
                    time, Instant.ofEpochSecond(0, FIRST_TIMED_SEQUENCE), Instant.ofEpochSecond(0, Long.MAX_VALUE));
        }
        return sequence;
    }

    private static String changeMsps(
            Context ctx, NotaryState state, SortedSet<String> msps, String event, String mspId) {
        state.putAuthorizedMsps(msps);
        Map<String, Object> payload = Map.of(
                "authorizedMsps", List.copyOf(msps),
                "by", ctx.getClientIdentity().getMSPID(),
                "mspId", mspId);
        ctx.getStub().setEvent(event, SortedJson.object(payload).getBytes(UTF_8));
        return SortedJson.array(msps);
    }

    private static NotaryBatch batch(NotaryState state, String batchId) {
        requireBatchId(batchId);
        return state.batch(batchId)
                .orElseThrow(() -> NotaryError.BATCH_NOT_FOUND.refusal("batch %s is not anchored", batchId));
    }

    private static void requireBatchId(String batchId) {
        if (batchId == null || !BATCH_ID.matcher(batchId).matches()) {
            throw NotaryError.BATCH_ID_INVALID.refusal(
                    "batch id '%s' is not 1-128 characters of [A-Za-z0-9._:-] starting with a letter or digit",
                    batchId);
        }
    }

    private static void requireMspId(String mspId) {
        if (mspId == null || !MSP_ID.matcher(mspId).matches()) {
            throw NotaryError.MSP_ID_INVALID.refusal(
                    "MSP id '%s' is not 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit", mspId);
        }
    }

    private static DigestAlgorithm algorithm(String name) {
        try {
            return DigestAlgorithm.byName(name);
        } catch (UnknownAlgorithmException e) {
            throw NotaryError.ALGORITHM_UNKNOWN.refusal(
                    "hash algorithm '%s' is unknown; expected one of: %s", name, DigestAlgorithm.names());
        }
    }

    private static String root(String hex, DigestAlgorithm algorithm) {
        int length = 2 * algorithm.length();
        if (hex == null || hex.length() != length || !HEX.matcher(hex).matches()) {
            throw NotaryError.ROOT_MALFORMED.refusal(
                    "Merkle root '%s' is not %d hex characters (a %s hash)", hex, length, algorithm.standardName());
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static void requireAdmin(Context ctx) {
        ClientIdentity identity = ctx.getClientIdentity();
        if (!AdminIdentity.isAdmin(identity)) {
            throw NotaryError.ADMIN_REQUIRED.refusal(
                    "%s of MSP %s is not a notary admin (needs OU=%s in its certificate or attribute %s=true)",
                    identity.getId(), identity.getMSPID(), AdminIdentity.ADMIN_OU, AdminIdentity.ADMIN_ATTRIBUTE);
        }
    }
}
