package org.exchangehub.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.Digest;

/**
 * An RFC 6962 / RFC 9162 Merkle tree over a batch of leaf hashes, with every level kept so that any leaf's audit path
 * is read, not recomputed.
 *
 * <p>The tree takes leaf <em>hashes</em>. For a notarized record the leaf data is the record's digest, so its leaf
 * hash is {@code hasher.hashLeaf(recordDigest)} = {@code H(0x00 || recordDigest)}; {@link #fromLeafData} does that
 * step for a list of digests.
 *
 * <p>Levels are built bottom-up: pairs are hashed left to right, and an odd last node is carried up unchanged. That
 * is the same tree as RFC 9162's recursive definition (split at the largest power of two below n), whose right edge
 * is unbalanced when n is not a power of two. Immutable and thread-safe once built.
 */
public final class MerkleTree {

    private final MerkleHasher hasher;
    /** levels[0] are the leaf hashes, the last level holds only the root; a carried-up node is the same array. */
    private final byte[][][] levels;

    private MerkleTree(MerkleHasher hasher, byte[][][] levels) {
        this.hasher = hasher;
        this.levels = levels;
    }

    /**
     * A tree over leaf hashes, in order.
     *
     * @throws IllegalArgumentException no leaves, or a hash whose length is not {@code hasher.size()}
     */
    public static MerkleTree fromLeafHashes(MerkleHasher hasher, List<byte[]> leafHashes) {
        Objects.requireNonNull(hasher, "hasher");
        byte[][] leaves = new byte[checkCount(leafHashes)][];
        for (int i = 0; i < leaves.length; i++) {
            byte[] hash = leafHashes.get(i);
            if (hash == null || hash.length != hasher.size()) {
                throw new IllegalArgumentException("leaf hash " + i + " has " + (hash == null ? "no" : hash.length)
                        + " bytes, " + hasher.algorithm().standardName() + " hashes have " + hasher.size());
            }
            // Copied, so that a caller reusing its buffers cannot change a tree whose root is already anchored.
            leaves[i] = hash.clone();
        }
        return build(hasher, leaves);
    }

    /** A tree over leaf data (for records: their digests), each hashed as {@code H(0x00 || data)}. */
    public static MerkleTree fromLeafData(MerkleHasher hasher, List<byte[]> leafData) {
        Objects.requireNonNull(hasher, "hasher");
        byte[][] leaves = new byte[checkCount(leafData)][];
        Digest digest = hasher.newDigest();
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = hasher.hashLeaf(digest, Objects.requireNonNull(leafData.get(i), "leaf data"));
        }
        return build(hasher, leaves);
    }

    private static int checkCount(List<byte[]> leaves) {
        Objects.requireNonNull(leaves, "leaves");
        if (leaves.isEmpty()) {
            // Each batch has at least one record; an empty tree has no leaf to prove and nothing to anchor.
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        return leaves.size();
    }

    private static MerkleTree build(MerkleHasher hasher, byte[][] leaves) {
        int height = 1;
        for (int width = leaves.length; width > 1; width = (width + 1) / 2) {
            height++;
        }
        byte[][][] levels = new byte[height][][];
        levels[0] = leaves;
        Digest digest = hasher.newDigest();
        for (int level = 1; level < height; level++) {
            byte[][] below = levels[level - 1];
            byte[][] nodes = new byte[(below.length + 1) / 2][];
            for (int i = 0; i + 1 < below.length; i += 2) {
                nodes[i / 2] = hasher.hashChildren(digest, below[i], below[i + 1]);
            }
            if (below.length % 2 == 1) {
                nodes[nodes.length - 1] = below[below.length - 1];
            }
            levels[level] = nodes;
        }
        return new MerkleTree(hasher, levels);
    }

    /** The hasher the tree was built with. */
    public MerkleHasher hasher() {
        return hasher;
    }

    /** Number of leaves. */
    public int size() {
        return levels[0].length;
    }

    /** The root hash (a copy). */
    public byte[] root() {
        return levels[levels.length - 1][0].clone();
    }

    /** The hash of leaf {@code index} (a copy). */
    public byte[] leafHash(int index) {
        Objects.checkIndex(index, size());
        return levels[0][index].clone();
    }

    /**
     * The nodes {@code height} levels above the leaves, in order: the roots of the aligned subtrees of {@code
     * 2^height} leaves, the last of which may have fewer (RFC 6962's right edge: it is still a node of this tree). A
     * tree over them as leaf hashes ({@link #fromLeafHashes}) has this tree's root, and a leaf's audit path within its
     * subtree followed by that tree's path for the subtree is the leaf's audit path here: a proof needs only these
     * nodes and one subtree's leaves (the "tiles" of transparency logs).
     */
    public List<byte[]> nodesAt(int height) {
        if (height < 0) {
            throw new IllegalArgumentException("height " + height + " is below the leaves");
        }
        byte[][] level = levels[Math.min(height, levels.length - 1)];
        List<byte[]> nodes = new ArrayList<>(level.length);
        for (byte[] node : level) {
            nodes.add(node.clone());
        }
        return nodes;
    }

    /** The audit path of leaf {@code index}. */
    public InclusionProof inclusionProof(int index) {
        Objects.checkIndex(index, size());
        return new InclusionProof(index, size(), path(index));
    }

    /** Every leaf's audit path, in leaf order: O(n log n) reads of the stored levels, no hashing. */
    public List<InclusionProof> allInclusionProofs() {
        List<InclusionProof> proofs = new ArrayList<>(size());
        for (int index = 0; index < size(); index++) {
            proofs.add(new InclusionProof(index, size(), path(index)));
        }
        return Collections.unmodifiableList(proofs);
    }

    private List<byte[]> path(int index) {
        List<byte[]> path = new ArrayList<>(levels.length - 1);
        int node = index;
        for (int level = 0; level < levels.length - 1; level++) {
            int sibling = node ^ 1;
            // No sibling means this node was carried up on the right edge: RFC 6962's path has no entry here.
            if (sibling < levels[level].length) {
                path.add(levels[level][sibling]);
            }
            node >>>= 1;
        }
        return path;
    }

    @Override
    public String toString() {
        return "MerkleTree[" + hasher.algorithm().standardName() + ", " + size() + " leaves, root="
                + HexFormat.of().formatHex(levels[levels.length - 1][0]) + "]";
    }
}
