package org.exchangehub.merkle;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.json.JSONArray;
import org.json.JSONObject;

/** Reads the test vectors under {@code merkle-vectors/} on the test classpath (see the README there). */
final class MerkleVectors {

    private static final HexFormat HEX = HexFormat.of();

    private MerkleVectors() {}

    /** A tree of leaf data with its known roots and paths, from rfc6962-reference.json or sm3-reference.json. */
    record ReferenceTree(
            DigestAlgorithm algorithm,
            List<byte[]> leaves,
            byte[] emptyRoot,
            List<byte[]> roots,
            List<InclusionProof> proofs) {

        /** Known root of the tree of the first {@code size} leaves. */
        byte[] root(int size) {
            return roots.get(size - 1);
        }
    }

    /** One transparency-dev inclusion case. */
    record InclusionCase(
            String name,
            long leafIndex,
            long treeSize,
            byte[] root,
            byte[] leafHash,
            List<byte[]> proof,
            String desc,
            boolean wantErr) {

        @Override
        public String toString() {
            return name;
        }
    }

    static ReferenceTree rfc6962() {
        return referenceTree("merkle-vectors/rfc6962-reference.json");
    }

    static ReferenceTree sm3() {
        return referenceTree("merkle-vectors/sm3-reference.json");
    }

    private static ReferenceTree referenceTree(String resource) {
        JSONObject json = new JSONObject(read(resource));
        List<byte[]> leaves = new ArrayList<>();
        for (Object leaf : json.getJSONArray("leaves")) {
            leaves.add(HEX.parseHex((String) leaf));
        }
        List<byte[]> roots = new ArrayList<>();
        JSONArray rootArray = json.getJSONArray("roots");
        for (int i = 0; i < rootArray.length(); i++) {
            JSONObject root = rootArray.getJSONObject(i);
            if (root.getInt("treeSize") != i + 1) {
                throw new IllegalStateException(resource + ": roots must be listed for sizes 1, 2, 3, ...");
            }
            roots.add(HEX.parseHex(root.getString("root")));
        }
        List<InclusionProof> proofs = new ArrayList<>();
        JSONArray proofArray = json.getJSONArray("inclusionProofs");
        for (int i = 0; i < proofArray.length(); i++) {
            JSONObject proof = proofArray.getJSONObject(i);
            List<String> path = new ArrayList<>();
            proof.getJSONArray("path").forEach(node -> path.add((String) node));
            proofs.add(InclusionProof.fromHex(proof.getLong("leafIndex"), proof.getLong("treeSize"), path));
        }
        return new ReferenceTree(
                DigestAlgorithm.byName(json.getString("hashAlgorithm")),
                leaves,
                HEX.parseHex(json.getString("emptyRoot")),
                roots,
                proofs);
    }

    static List<InclusionCase> transparencyDevInclusion() {
        List<InclusionCase> cases = new ArrayList<>();
        for (String name :
                read("merkle-vectors/transparency-dev/inclusion/index.txt").split("\n")) {
            if (name.isBlank()) {
                continue;
            }
            JSONObject json = new JSONObject(read("merkle-vectors/transparency-dev/" + name));
            List<byte[]> proof = new ArrayList<>();
            if (!json.isNull("proof")) {
                json.getJSONArray("proof").forEach(node -> proof.add(base64((String) node)));
            }
            cases.add(new InclusionCase(
                    name,
                    json.getLong("leafIdx"),
                    json.getLong("treeSize"),
                    base64(json.getString("root")),
                    base64(json.getString("leafHash")),
                    proof,
                    json.getString("desc"),
                    json.getBoolean("wantErr")));
        }
        return cases;
    }

    private static byte[] base64(String text) {
        return Base64.getDecoder().decode(text);
    }

    private static String read(String resource) {
        try (InputStream in = MerkleVectors.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
