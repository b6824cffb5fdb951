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

    /** A proof whose path is given as hex strings (either case), as it travels in JSON receipts. */
    public static InclusionProof fromHex(long leafIndex, long treeSize, List<String> pathHex) {
        List<byte[]> path = new ArrayList<>(pathHex.size());
        for (String hex : pathHex) {
            path.add(HEX.parseHex(hex));
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
