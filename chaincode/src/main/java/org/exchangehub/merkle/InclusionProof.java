package org.exchangehub.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 6962 audit path: the sibling hashes from a leaf up to the root of a tree of {@code treeSize} leaves, leaf
 * side first.
 *
 * <p>The path's arrays are shared with the tree that made them (a proof per leaf would otherwise copy the whole tree
 * log n times); nothing in this package modifies them, and callers must not either.
 *
 * @param leafIndex zero-based index of the leaf
 * @param treeSize number of leaves in the tree
 * @param path sibling hashes, leaf side first; may be empty (a one-leaf tree)
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {

    private static final HexFormat HEX = HexFormat.of();

    public InclusionProof {
        path = List.copyOf(Objects.requireNonNull(path, "path"));
    }

    /**
     * A proof whose path is given as hex strings (either case), as it travels in JSON receipts.
     *
     * @throws IllegalArgumentException if a hash is not hex; for a path from outside, {@link #parseHex} says so as a
     *     {@link MalformedProofException}
     */
    public static InclusionProof fromHex(long leafIndex, long treeSize, List<String> pathHex) {
        List<byte[]> path = new ArrayList<>(pathHex.size());
        for (String hex : pathHex) {
            path.add(HEX.parseHex(hex));
        }
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /**
     * A proof from outside (a receipt, a request) whose path is given as hex strings (either case): a path that is
     * missing or holds a null or non-hex hash is a {@link MalformedProofException}, like any other proof that cannot
     * be checked. Lengths and ranges are checked by {@link InclusionVerifier}.
     */
    public static InclusionProof parseHex(long leafIndex, long treeSize, List<String> pathHex)
            throws MalformedProofException {
        if (pathHex == null) {
            throw new MalformedProofException("the proof has no audit path");
        }
        List<byte[]> path = new ArrayList<>(pathHex.size());
        for (int i = 0; i < pathHex.size(); i++) {
            String hex = pathHex.get(i);
            try {
                path.add(HEX.parseHex(Objects.requireNonNull(hex)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new MalformedProofException("path[" + i + "] is not hex: " + hex);
            }
        }
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /** The path as lowercase hex strings. */
    public List<String> pathHex() {
        return path.stream().map(HEX::formatHex).toList();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof InclusionProof that)) {
            return false;
        }
        if (leafIndex != that.leafIndex || treeSize != that.treeSize || path.size() != that.path.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            if (!Arrays.equals(path.get(i), that.path.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(leafIndex, treeSize);
        for (byte[] node : path) {
            result = 31 * result + Arrays.hashCode(node);
        }
        return result;
    }

    @Override
    public String toString() {
        return "InclusionProof[leafIndex=" + leafIndex + ", treeSize=" + treeSize + ", path=" + pathHex() + "]";
    }
}
