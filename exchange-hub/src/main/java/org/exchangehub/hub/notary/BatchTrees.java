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
 * {@code tile-size} digests, never the whole batch.
 */
@Component
class BatchTrees {

    private final NotaryStore store;
    private final Cache<String, MerkleTree> trees;

    @Autowired
    BatchTrees(NotaryStore store, NotaryProperties properties) {
        this(store, properties.treeCacheSize());
    }

    BatchTrees(NotaryStore store, int cacheSize) {
        this.store = store;
        this.trees = Caffeine.newBuilder().maximumSize(cacheSize).build();
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
        HexFormat hex = HexFormat.of();
        MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.byName(batch.hashAlgorithm()));
        long tileStart = batch.firstPosition() + (long) BatchTiles.tileOf(leafIndex) * BatchTiles.WIDTH;
        long tileEnd = Math.min(batch.firstPosition() + batch.leafCount(), tileStart + BatchTiles.WIDTH) - 1;
        List<byte[]> tile =
                store.digests(tileStart, tileEnd).stream().map(hex::parseHex).toList();
        try {
            return BatchTiles.proof(
                    hasher, leafIndex, batch.leafCount(), tile, batch.tileRoots(), hex.parseHex(batch.merkleRoot()));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "batch " + batch.batchId() + " at log positions " + batch.firstPosition() + ".."
                            + (batch.firstPosition() + batch.leafCount() - 1) + ": " + e.getMessage()
                            + "; the database was altered",
                    e);
        }
    }
}
