package org.exchangehub.hub.notary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HexFormat;
import java.util.List;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.merkle.InclusionProof;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Audit paths for receipts, computed from the record log: a batch is stored once, as its range of log positions and
 * its tile roots. The trees of the most recently sealed batches are kept whole (receipts are read in bursts right
 * after sealing: feed pages, deliveries), so their paths cost nothing; for any other batch a path is computed from the
 * leaf's tile ({@link BatchTiles}), so a receipt for a record of any age costs the same few hundred hashes and reading
 * {@code tile-size} digests, never the whole batch. The last tiles used are kept too ({@value #TILES_KEPT}, ~17 KB
 * each): receipts are read in log order (feed and delivery pages), so the next receipt is nearly always in the tile of
 * the last one. Without them, a receiver more than {@code tree-cache-size} batches behind rebuilt a tile for every
 * record it was sent, half the delivery thread's time (profiled, BENCHMARKS.md), and fell further behind.
 */
@Component
class BatchTrees {

    /** How many checked tiles are kept. */
    static final int TILES_KEPT = 128;

    private final NotaryStore store;
    private final Cache<String, MerkleTree> trees;
    private final Cache<TileKey, BatchTiles.Tile> tiles;

    @Autowired
    BatchTrees(NotaryStore store, NotaryProperties properties) {
        this(store, properties.treeCacheSize());
    }

    BatchTrees(NotaryStore store, int cacheSize) {
        this.store = store;
        this.trees = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.tiles = Caffeine.newBuilder().maximumSize(TILES_KEPT).build();
    }

    /** Keeps the tree a batch was just sealed with. */
    void put(String batchId, MerkleTree tree) {
        trees.put(batchId, tree);
    }

    /**
     * The audit path of the leaf at {@code leafIndex} of the batch, checked against the batch's stored root.
     *
     * @throws IllegalStateException the log's digests or the batch's tile roots do not make its root (the database
     *     was altered)
     */
    InclusionProof proof(NotaryStore.Batch batch, int leafIndex) {
        MerkleTree whole = trees.getIfPresent(batch.batchId());
        if (whole != null) {
            return whole.inclusionProof(leafIndex);
        }
        int tile = BatchTiles.tileOf(leafIndex);
        return tiles.get(new TileKey(batch.batchId(), tile), key -> tile(batch, tile))
                .proof(leafIndex);
    }

    private BatchTiles.Tile tile(NotaryStore.Batch batch, int tile) {
        HexFormat hex = HexFormat.of();
        MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.byName(batch.hashAlgorithm()));
        long tileStart = batch.firstPosition() + (long) tile * BatchTiles.WIDTH;
        long tileEnd = Math.min(batch.firstPosition() + batch.leafCount(), tileStart + BatchTiles.WIDTH) - 1;
        List<byte[]> data =
                store.digests(tileStart, tileEnd).stream().map(hex::parseHex).toList();
        try {
            return BatchTiles.Tile.of(
                    hasher, tile, batch.leafCount(), data, batch.tileRoots(), hex.parseHex(batch.merkleRoot()));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "batch " + batch.batchId() + " at log positions " + batch.firstPosition() + ".."
                            + (batch.firstPosition() + batch.leafCount() - 1) + ": " + e.getMessage()
                            + "; the database was altered",
                    e);
        }
    }

    private record TileKey(String batchId, int tile) {}
}
