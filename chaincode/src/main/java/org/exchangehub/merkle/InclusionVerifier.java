package org.exchangehub.merkle;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.Digest;

/**
 * Checks RFC 6962 / RFC 9162 inclusion proofs; pure functions of (hasher, index, size, leaf hash, path, root).
 *
 * <p>Two outcomes other than success, kept apart: {@link RootMismatchException} (checked, and false) and {@link
 * MalformedProofException} (the input could not be checked).
 */
public final class InclusionVerifier {

    private InclusionVerifier() {}

    /**
     * Succeeds if {@code leafHash} at {@code leafIndex} in a tree of {@code treeSize} leaves with root {@code
     * expectedRoot} is proven by {@code path}.
     *
     * @param leafHash the leaf's hash, {@code hasher.hashLeaf(leafData)}, not the leaf data itself
     * @throws RootMismatchException the path leads to another root
     * @throws MalformedProofException index not in {@code [0, treeSize)}, wrong path length, or a hash of the wrong
     *     length (including {@code expectedRoot})
     */
    public static void verify(
            MerkleHasher hasher, long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] expectedRoot)
            throws RootMismatchException, MalformedProofException {
        requireHashLength(hasher, expectedRoot, "expected root");
        byte[] calculated = rootFromInclusionProof(hasher, leafIndex, treeSize, leafHash, path);
        // Constant-time comparison: the roots are public, but there is no reason to leak where they differ.
        if (!MessageDigest.isEqual(calculated, expectedRoot)) {
            throw new RootMismatchException(expectedRoot, calculated);
        }
    }

    /** {@link #verify(MerkleHasher, long, long, byte[], List, byte[])} with index, size and path from a proof. */
    public static void verify(MerkleHasher hasher, InclusionProof proof, byte[] leafHash, byte[] expectedRoot)
            throws RootMismatchException, MalformedProofException {
        verify(hasher, proof.leafIndex(), proof.treeSize(), leafHash, proof.path(), expectedRoot);
    }

    /**
     * The root that {@code leafHash} at {@code leafIndex} and {@code path} lead to in a tree of {@code treeSize}
     * leaves (RFC 9162 section 2.1.3.2).
     *
     * @throws MalformedProofException index not in {@code [0, treeSize)}, wrong path length, or a hash of the wrong
     *     length
     */
    public static byte[] rootFromInclusionProof(
            MerkleHasher hasher, long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path)
            throws MalformedProofException {
        return rootFromInclusionProof(hasher, leafIndex, treeSize, leafHash, path, null);
    }

    /** One level of a climb from the leaf to the root, as {@link #rootFromInclusionProof} hashes it. */
    @FunctionalInterface
    public interface Step {

        /**
         * @param level 1 for the leaf's parent, counting up
         * @param siblingOnLeft whether the path's hash at this level is the left child
         * @param sibling the path's hash at this level
         * @param from the node coming up from below (the leaf hash at level 1)
         * @param parent the node the two hash to
         */
        void climbed(int level, boolean siblingOnLeft, byte[] sibling, byte[] from, byte[] parent);
    }

    /**
     * {@link #rootFromInclusionProof(MerkleHasher, long, long, byte[], List)}, telling {@code steps} (when not null)
     * each level as it is hashed: for showing a path, not for deciding anything.
     */
    public static byte[] rootFromInclusionProof(
            MerkleHasher hasher, long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, Step steps)
            throws MalformedProofException {
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(path, "path");
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new MalformedProofException(
                    "leaf index " + leafIndex + " is not within a tree of " + treeSize + " leaves");
        }
        requireHashLength(hasher, leafHash, "leaf hash");
        int expectedLength = pathLength(leafIndex, treeSize);
        if (path.size() != expectedLength) {
            throw new MalformedProofException("path has " + path.size() + " hashes, but leaf " + leafIndex
                    + " of a tree of " + treeSize + " leaves needs " + expectedLength);
        }
        for (int i = 0; i < path.size(); i++) {
            requireHashLength(hasher, path.get(i), "path[" + i + "]");
        }

        // The path first climbs the perfect subtree that holds the leaf ("inner" levels, where the leaf's index bit
        // says which side the sibling is on), then joins the roots of the smaller subtrees to its left on the
        // tree's unbalanced right edge ("border" levels, where the sibling is always on the left).
        int inner = innerLength(leafIndex, treeSize);
        Digest digest = hasher.newDigest();
        byte[] node = leafHash;
        for (int level = 0; level < path.size(); level++) {
            byte[] sibling = path.get(level);
            boolean siblingOnLeft = level >= inner || ((leafIndex >>> level) & 1) == 1;
            byte[] parent = siblingOnLeft
                    ? hasher.hashChildren(digest, sibling, node)
                    : hasher.hashChildren(digest, node, sibling);
            if (steps != null) {
                steps.climbed(level + 1, siblingOnLeft, sibling, node, parent);
            }
            node = parent;
        }
        return node;
    }

    /** Number of hashes in the path of leaf {@code leafIndex} in a tree of {@code treeSize} leaves. */
    static int pathLength(long leafIndex, long treeSize) {
        int inner = innerLength(leafIndex, treeSize);
        return inner + Long.bitCount(leafIndex >>> inner);
    }

    /**
     * Levels below the node where this leaf's path meets the last leaf's path; below it, the subtree holding the leaf
     * is complete, so each level has a sibling.
     */
    private static int innerLength(long leafIndex, long treeSize) {
        return 64 - Long.numberOfLeadingZeros(leafIndex ^ (treeSize - 1));
    }

    private static void requireHashLength(MerkleHasher hasher, byte[] hash, String what)
            throws MalformedProofException {
        if (hash == null || hash.length != hasher.size()) {
            throw new MalformedProofException(what + " has " + (hash == null ? "no" : hash.length) + " bytes, "
                    + hasher.algorithm().standardName() + " hashes have " + hasher.size());
        }
    }
}
