package org.exchangehub.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.merkle.MerkleVectors.ReferenceTree;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MerkleTreeTests {

    static Stream<ReferenceTree> referenceTrees() {
        return Stream.of(MerkleVectors.rfc6962(), MerkleVectors.sm3());
    }

    @Nested
    class AgainstPublishedVectors {

        @ParameterizedTest
        @MethodSource("org.exchangehub.merkle.MerkleTreeTests#referenceTrees")
        void hasTheKnownRootForEverySize(ReferenceTree vectors) {
            MerkleHasher hasher = MerkleHasher.of(vectors.algorithm());
            for (int size = 1; size <= vectors.leaves().size(); size++) {
                MerkleTree tree =
                        MerkleTree.fromLeafData(hasher, vectors.leaves().subList(0, size));

                assertThat(tree.root()).as("root of %d leaves", size).isEqualTo(vectors.root(size));
                assertThat(tree.size()).isEqualTo(size);
            }
            assertThat(hasher.emptyRoot()).isEqualTo(vectors.emptyRoot());
        }

        @ParameterizedTest
        @MethodSource("org.exchangehub.merkle.MerkleTreeTests#referenceTrees")
        void givesTheKnownAuditPaths(ReferenceTree vectors) {
            MerkleHasher hasher = MerkleHasher.of(vectors.algorithm());
            for (InclusionProof known : vectors.proofs()) {
                MerkleTree tree =
                        MerkleTree.fromLeafData(hasher, vectors.leaves().subList(0, (int) known.treeSize()));

                assertThat(tree.inclusionProof((int) known.leafIndex())).isEqualTo(known);
            }
        }
    }

    @Nested
    class AgainstTheReferenceImplementation {

        @ParameterizedTest
        @EnumSource(DigestAlgorithm.class)
        void agreesOnEveryRootAndPathUpTo100Leaves(DigestAlgorithm algorithm) {
            MerkleHasher hasher = MerkleHasher.of(algorithm);
            ReferenceMerkleTree reference = new ReferenceMerkleTree(hasher);
            List<byte[]> data = randomData(new Random(6962), 100);
            for (int size = 1; size <= data.size(); size++) {
                List<byte[]> leaves = data.subList(0, size);
                MerkleTree tree = MerkleTree.fromLeafData(hasher, leaves);

                assertThat(tree.root()).as("root of %d", size).isEqualTo(reference.root(leaves));
                List<InclusionProof> proofs = tree.allInclusionProofs();
                for (int index = 0; index < size; index++) {
                    assertThat(proofs.get(index).path())
                            .as("path of %d in %d", index, size)
                            .containsExactlyElementsOf(reference.path(index, leaves));
                }
            }
        }

        @Test
        void agreesOnSampledLeavesOfLargerUnbalancedTrees() {
            MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.SHA_256);
            ReferenceMerkleTree reference = new ReferenceMerkleTree(hasher);
            Random random = new Random(9162);
            List<byte[]> data = randomData(random, 1_025);
            for (int size : new int[] {127, 128, 129, 255, 257, 511, 513, 1_000, 1_023, 1_024, 1_025}) {
                List<byte[]> leaves = data.subList(0, size);
                MerkleTree tree = MerkleTree.fromLeafData(hasher, leaves);

                assertThat(tree.root()).isEqualTo(reference.root(leaves));
                for (int index : new int[] {0, size / 2, size - 2, size - 1, random.nextInt(size)}) {
                    assertThat(tree.inclusionProof(index).path())
                            .as("path of %d in %d", index, size)
                            .containsExactlyElementsOf(reference.path(index, leaves));
                }
            }
        }
    }

    @Nested
    class Building {

        private final MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.SHA_256);

        @Test
        void hashesLeafDataAsTheHubDoesWithRecordDigests() {
            List<byte[]> digests = randomData(new Random(1), 5);
            List<byte[]> leafHashes = digests.stream().map(hasher::hashLeaf).toList();

            MerkleTree tree = MerkleTree.fromLeafHashes(hasher, leafHashes);

            assertThat(tree.root())
                    .isEqualTo(MerkleTree.fromLeafData(hasher, digests).root());
            assertThat(tree.leafHash(3)).isEqualTo(leafHashes.get(3));
            assertThat(tree.hasher()).isSameAs(hasher);
            assertThat(tree.toString()).startsWith("MerkleTree[SHA-256, 5 leaves, root=");
        }

        @Test
        void oneLeafIsItsOwnRootWithAnEmptyPath() {
            byte[] leaf = hasher.hashLeaf(new byte[] {42});

            MerkleTree tree = MerkleTree.fromLeafHashes(hasher, List.of(leaf));

            assertThat(tree.root()).isEqualTo(leaf);
            assertThat(tree.inclusionProof(0)).isEqualTo(new InclusionProof(0, 1, List.of()));
        }

        @Test
        void refusesAnEmptyBatch() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> MerkleTree.fromLeafHashes(hasher, List.of()))
                    .withMessage("a Merkle tree needs at least one leaf");
            assertThatIllegalArgumentException().isThrownBy(() -> MerkleTree.fromLeafData(hasher, List.of()));
        }

        @Test
        void refusesLeafHashesOfTheWrongLength() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> MerkleTree.fromLeafHashes(hasher, List.of(new byte[32], new byte[31])))
                    .withMessage("leaf hash 1 has 31 bytes, SHA-256 hashes have 32");
            List<byte[]> withNull = new ArrayList<>();
            withNull.add(null);
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> MerkleTree.fromLeafHashes(hasher, withNull))
                    .withMessage("leaf hash 0 has no bytes, SHA-256 hashes have 32");
        }

        @Test
        void isNotChangedByTheCallersBuffersOrByWhatItHandsOut() {
            byte[] leaf = hasher.hashLeaf(new byte[] {1});
            MerkleTree tree = MerkleTree.fromLeafHashes(hasher, List.of(leaf, leaf.clone()));
            byte[] root = tree.root();

            leaf[0] ^= 1;
            tree.root()[0] ^= 1;
            tree.leafHash(0)[0] ^= 1;

            assertThat(tree.root()).isEqualTo(root);
        }

        @Test
        void refusesProofsForLeavesItDoesNotHave() {
            MerkleTree tree = MerkleTree.fromLeafData(hasher, randomData(new Random(2), 3));

            assertThatThrownBy(() -> tree.inclusionProof(3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> tree.inclusionProof(-1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> tree.leafHash(3)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void givesEveryLeafsProofInOrder() {
            MerkleTree tree = MerkleTree.fromLeafData(hasher, randomData(new Random(3), 13));

            List<InclusionProof> proofs = tree.allInclusionProofs();

            assertThat(proofs).hasSize(13);
            for (int index = 0; index < 13; index++) {
                assertThat(proofs.get(index)).isEqualTo(tree.inclusionProof(index));
            }
        }
    }

    static List<byte[]> randomData(Random random, int count) {
        List<byte[]> data = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] entry = new byte[random.nextInt(40)];
            random.nextBytes(entry);
            data.add(entry);
        }
        return data;
    }

    @Nested
    class NodesAt {

        @ParameterizedTest
        @EnumSource(DigestAlgorithm.class)
        void aTreeOverTheNodesAndOneSubtreesLeavesGiveTheRootAndEveryPath(DigestAlgorithm algorithm) {
            MerkleHasher hasher = MerkleHasher.of(algorithm);
            Random random = new Random(42);
            for (int size : new int[] {1, 2, 3, 7, 8, 9, 255, 256, 257, 300, 511, 512, 513, 778, 1000, 1024, 1025}) {
                List<byte[]> data = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    byte[] leaf = new byte[algorithm.length()];
                    random.nextBytes(leaf);
                    data.add(leaf);
                }
                MerkleTree tree = MerkleTree.fromLeafData(hasher, data);
                for (int height : new int[] {0, 1, 3, 8, 12}) {
                    int width = 1 << height;
                    List<byte[]> nodes = tree.nodesAt(height);
                    MerkleTree upper = MerkleTree.fromLeafHashes(hasher, nodes);

                    assertThat(nodes).as("%d leaves, height %d", size, height).hasSize((size + width - 1) / width);
                    assertThat(upper.root())
                            .as("%d leaves, height %d", size, height)
                            .isEqualTo(tree.root());
                    for (int index = 0; index < size; index += 1 + random.nextInt(37)) {
                        int subtree = index / width;
                        MerkleTree lower = MerkleTree.fromLeafData(
                                hasher, data.subList(subtree * width, Math.min(size, (subtree + 1) * width)));
                        List<byte[]> path = new ArrayList<>(
                                lower.inclusionProof(index % width).path());
                        path.addAll(upper.inclusionProof(subtree).path());

                        assertThat(lower.root()).isEqualTo(nodes.get(subtree));
                        assertThat(new InclusionProof(index, size, path))
                                .as("leaf %d of %d, height %d", index, size, height)
                                .isEqualTo(tree.inclusionProof(index));
                    }
                }
            }
        }

        @Test
        void aNegativeHeightIsRefused() {
            MerkleTree tree = MerkleTree.fromLeafData(MerkleHasher.of(DigestAlgorithm.SHA_256), List.of(new byte[32]));

            assertThatIllegalArgumentException().isThrownBy(() -> tree.nodesAt(-1));
        }
    }
}
