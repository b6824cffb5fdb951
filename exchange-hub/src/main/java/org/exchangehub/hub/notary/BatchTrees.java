package org.exchangehub.hub.notary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HexFormat;
import java.util.List;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Merkle trees of batches, built from the log's leaf digests when a receipt needs a proof (a 4,096-leaf tree is
 * ~8,191 hashes, a few milliseconds) and kept for the most recently used batches: receipts are read in bursts per
 * batch (feed pages, deliveries), and a batch is stored only once, as its range of log positions.
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

    /** The batch's tree, checked against its stored root: a log that no longer makes the root is not used. */
    MerkleTree of(NotaryStore.Batch batch) {
        return trees.get(batch.batchId(), id -> build(batch));
    }

    /** Keeps the tree a batch was just sealed with. */
    void put(String batchId, MerkleTree tree) {
        trees.put(batchId, tree);
    }

    private MerkleTree build(NotaryStore.Batch batch) {
        List<String> digests = store.digests(batch.firstPosition(), batch.firstPosition() + batch.leafCount() - 1);
        HexFormat hex = HexFormat.of();
        MerkleTree tree = MerkleTree.fromLeafData(
                MerkleHasher.of(DigestAlgorithm.byName(batch.hashAlgorithm())),
                digests.stream().map(hex::parseHex).toList());
        if (digests.size() != batch.leafCount() || !hex.formatHex(tree.root()).equalsIgnoreCase(batch.merkleRoot())) {
            throw new IllegalStateException("batch " + batch.batchId() + ": the log's " + digests.size()
                    + " digests at positions " + batch.firstPosition() + ".. do not make its root "
                    + batch.merkleRoot() + " of " + batch.leafCount() + " leaves; the database was altered");
        }
        return tree;
    }
}
