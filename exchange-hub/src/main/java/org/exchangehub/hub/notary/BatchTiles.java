package org.exchangehub.hub.notary;

import java.util.ArrayList;
import java.util.List;
import org.exchangehub.merkle.InclusionProof;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;

/**
 * A batch's tiles: its leaves in runs of {@value #WIDTH} (the last run may be shorter), whose subtree roots are stored
 * with the batch ({@code notary_batch.tile_roots}, 32 bytes per 256 leaves). A leaf's audit path is its path within
 * its tile, computed from the tile's {@value #WIDTH} digests, followed by the tile's path in the small tree over the
 * tile roots ({@link MerkleTree#nodesAt}): a proof for any record of a 4,096-leaf batch reads 256 digests and hashes
 * ~530 times, instead of building the batch's whole tree (4,096 digests, 8,191 hashes).
 */
public final class BatchTiles {

    /** Leaves per tile. */
    public static final int WIDTH = 256;

    private static final int HEIGHT = Integer.numberOfTrailingZeros(WIDTH);

    private BatchTiles() {}

    /** The roots of a batch tree's tiles, concatenated, as the batch row keeps them. */
    public static byte[] rootsOf(MerkleTree tree) {
        List<byte[]> roots = tree.nodesAt(HEIGHT);
        int size = tree.hasher().size();
        byte[] out = new byte[roots.size() * size];
        for (int i = 0; i < roots.size(); i++) {
            System.arraycopy(roots.get(i), 0, out, i * size, size);
        }
        return out;
    }

    /** The tile of a leaf index. */
    static int tileOf(int leafIndex) {
        return leafIndex / WIDTH;
    }

    /**
     * One tile of a batch, its tree and the tree over the batch's tile roots, checked against the stored roots once: the
     * paths of all its leaves without hashing again (a delivery or feed page reads its records in log order, so most
     * of a page's receipts fall in a few tiles).
     */
    static final class Tile {

        private final int index;
        private final int leafCount;
        private final MerkleTree lower;
        private final MerkleTree upper;

        private Tile(int index, int leafCount, MerkleTree lower, MerkleTree upper) {
            this.index = index;
            this.leafCount = leafCount;
            this.lower = lower;
            this.upper = upper;
        }

        /**
         * Tile {@code tile} of a batch of {@code leafCount}, from its leaf data and the stored tile roots.
         *
         * @throws IllegalStateException the tile's digests or the stored roots do not make the batch root (the
         *     database was altered)
         */
        static Tile of(
                MerkleHasher hasher,
                int tile,
                int leafCount,
                List<byte[]> tileData,
                byte[] tileRoots,
                byte[] batchRoot) {
            int size = hasher.size();
            List<byte[]> roots = new ArrayList<>(tileRoots.length / size);
            for (int i = 0; i + size <= tileRoots.length; i += size) {
                byte[] root = new byte[size];
                System.arraycopy(tileRoots, i, root, 0, size);
                roots.add(root);
            }
            int tiles = (leafCount + WIDTH - 1) / WIDTH;
            int expectedLeaves = Math.min(WIDTH, leafCount - tile * WIDTH);
            if (roots.size() != tiles || tileData.size() != expectedLeaves) {
                throw new IllegalStateException("a batch of " + leafCount + " leaves has " + roots.size()
                        + " tile roots and " + tileData.size() + " leaves in tile " + tile);
            }
            MerkleTree lower = MerkleTree.fromLeafData(hasher, tileData);
            MerkleTree upper = MerkleTree.fromLeafHashes(hasher, roots);
            if (!java.util.Arrays.equals(lower.root(), roots.get(tile))
                    || !java.util.Arrays.equals(upper.root(), batchRoot)) {
                throw new IllegalStateException("tile " + tile + " of the batch does not make its stored root");
            }
            return new Tile(tile, leafCount, lower, upper);
        }

        /** The audit path in the batch of one of this tile's leaves, by its index in the batch. */
        InclusionProof proof(int leafIndex) {
            if (tileOf(leafIndex) != index) {
                throw new IllegalArgumentException("leaf " + leafIndex + " is not in tile " + index);
            }
            List<byte[]> path =
                    new ArrayList<>(lower.inclusionProof(leafIndex % WIDTH).path());
            path.addAll(upper.inclusionProof(index).path());
            return new InclusionProof(leafIndex, leafCount, path);
        }
    }
}
