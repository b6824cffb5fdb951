package org.exchangehub.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 section 2.1, MTH and PATH, as the RFC writes them: recursive, splitting at the largest power of two below
 * n, recomputing every subtree. Slow on purpose; the fast tree must agree with it.
 */
final class ReferenceMerkleTree {

    private final MerkleHasher hasher;

    ReferenceMerkleTree(MerkleHasher hasher) {
        this.hasher = hasher;
    }

    /** MTH(D[n]) over leaf data. */
    byte[] root(List<byte[]> data) {
        if (data.isEmpty()) {
            return hasher.emptyRoot();
        }
        if (data.size() == 1) {
            return hasher.hashLeaf(data.get(0));
        }
        int k = split(data.size());
        return hasher.hashChildren(root(data.subList(0, k)), root(data.subList(k, data.size())));
    }

    /** PATH(m, D[n]) over leaf data. */
    List<byte[]> path(int m, List<byte[]> data) {
        List<byte[]> path = new ArrayList<>();
        if (data.size() <= 1) {
            return path;
        }
        int k = split(data.size());
        if (m < k) {
            path.addAll(path(m, data.subList(0, k)));
            path.add(root(data.subList(k, data.size())));
        } else {
            path.addAll(path(m - k, data.subList(k, data.size())));
            path.add(root(data.subList(0, k)));
        }
        return path;
    }

    /** The largest power of two smaller than n (n > 1). */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
