package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.merkle.InclusionProof;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.junit.jupiter.api.Test;

/** The path the verify page draws climbs to the tree's real root for every leaf of trees of every shape. */
class MerklePathTests {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyLeafOfTreesOfOneToFortyLeavesClimbsToTheRoot() {
        for (DigestAlgorithm algorithm : List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.SM3)) {
            MerkleHasher hasher = MerkleHasher.of(algorithm);
            for (int size = 1; size <= 40; size++) {
                List<byte[]> digests = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    digests.add(algorithm.digest(("record " + size + "/" + i).getBytes()));
                }
                MerkleTree tree = MerkleTree.fromLeafData(hasher, digests);
                String root = HEX.formatHex(tree.root());
                for (int leaf = 0; leaf < size; leaf++) {
                    InclusionProof proof = tree.inclusionProof(leaf);
                    MerklePath path = MerklePath.of(
                                    algorithm.standardName(),
                                    HEX.formatHex(digests.get(leaf)),
                                    new Receipt.Proof("b-1", leaf, size, proof.pathHex(), root),
                                    root)
                            .orElseThrow();
                    assertThat(path.root())
                            .as("%s leaf %d of %d", algorithm, leaf, size)
                            .isEqualTo(root);
                    assertThat(path.reachesLedgerRoot()).isTrue();
                    assertThat(path.steps()).hasSize(proof.path().size());
                    assertThat(path.leafHash()).isEqualTo(HEX.formatHex(tree.leafHash(leaf)));
                    for (int s = 1; s < path.steps().size(); s++) {
                        MerklePath.Step step = path.steps().get(s);
                        assertThat(step.from())
                                .isEqualTo(path.steps().get(s - 1).node());
                        assertThat(step.left().equals(step.from())
                                        || step.right().equals(step.from()))
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void anAlteredDigestClimbsToAnotherRootAndAMalformedPathIsNotDrawn() {
        MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.SHA_256);
        List<byte[]> digests = List.of(
                DigestAlgorithm.SHA_256.digest("a".getBytes()),
                DigestAlgorithm.SHA_256.digest("b".getBytes()),
                DigestAlgorithm.SHA_256.digest("c".getBytes()));
        MerkleTree tree = MerkleTree.fromLeafData(hasher, digests);
        String root = HEX.formatHex(tree.root());
        List<String> audit = tree.inclusionProof(1).pathHex();
        String altered = HEX.formatHex(DigestAlgorithm.SHA_256.digest("B".getBytes()));

        MerklePath path = MerklePath.of("SHA-256", altered, new Receipt.Proof("b", 1, 3, audit, root), root)
                .orElseThrow();
        assertThat(path.root()).isNotEqualTo(root);
        assertThat(path.reachesLedgerRoot()).isFalse();

        assertThat(MerklePath.of("SHA-256", altered, new Receipt.Proof("b", 1, 3, audit.subList(0, 1), root), root))
                .isEmpty();
        assertThat(MerklePath.of("SHA-256", altered, new Receipt.Proof("b", 3, 3, audit, root), root))
                .isEmpty();
        assertThat(MerklePath.of("SHA-256", "zz", new Receipt.Proof("b", 1, 3, audit, root), root))
                .isEmpty();
    }
}
