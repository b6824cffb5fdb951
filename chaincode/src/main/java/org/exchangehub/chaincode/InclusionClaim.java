package org.exchangehub.chaincode;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.exchangehub.merkle.InclusionProof;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * A caller's claim that a leaf hash is in a batch, as {@code VerifyInclusion} receives it: the leaf hash in hex and
 * the proof as {@code {"leafIndex":n,"treeSize":m,"path":["hex",...]}}.
 */
record InclusionClaim(byte[] leafHash, InclusionProof proof) {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Reads a claim; only syntax is checked here (lengths and ranges are the verifier's job).
     *
     * @throws IllegalArgumentException the hex or the JSON is unreadable, or a field is missing or of the wrong type
     */
    static InclusionClaim parse(String leafHashHex, String proofJson) {
        if (leafHashHex == null || proofJson == null) {
            throw new IllegalArgumentException("leaf hash and proof are required");
        }
        byte[] leafHash = hex(leafHashHex, "leaf hash");
        try {
            JSONObject proof = new JSONObject(proofJson);
            JSONArray pathArray = proof.getJSONArray("path");
            List<byte[]> path = new ArrayList<>(pathArray.length());
            for (int i = 0; i < pathArray.length(); i++) {
                path.add(hex(pathArray.getString(i), "path[" + i + "]"));
            }
            // getLong would silently truncate 1.5 to 1: a proof with a fractional index is not a proof.
            return new InclusionClaim(
                    leafHash,
                    new InclusionProof(wholeNumber(proof, "leafIndex"), wholeNumber(proof, "treeSize"), path));
        } catch (JSONException e) {
            throw new IllegalArgumentException(
                    "proof is not {\"leafIndex\":n,\"treeSize\":m,\"path\":[hex,...]}: " + e.getMessage());
        }
    }

    private static long wholeNumber(JSONObject object, String key) {
        Object value = object.get(key);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException(key + " must be a whole number, got " + JSONObject.valueToString(value));
    }

    private static byte[] hex(String text, String what) {
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not hex: '" + text + "'");
        }
    }
}
