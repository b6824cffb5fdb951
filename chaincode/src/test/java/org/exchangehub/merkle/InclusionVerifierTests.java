package org.exchangehub.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.merkle.MerkleVectors.InclusionCase;
import org.exchangehub.merkle.MerkleVectors.ReferenceTree;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InclusionVerifierTests {

    private static final MerkleHasher SHA_256 = MerkleHasher.of(DigestAlgorithm.SHA_256);

    /**
     * Which outcome a transparency-dev mutation must give. Left out are mutations whose outcome depends on the
     * numbers: of index or size (the path may or may not become the wrong length) and of the root (in the
     * "additional" cases it comes with an empty tree or an empty leaf hash).
     */
    private static final Map<String, Class<? extends InclusionProofException>> OUTCOME_BY_MUTATION = Map.ofEntries(
            Map.entry("wrong leaf", MalformedProofException.class),
            Map.entry("random root", RootMismatchException.class),
            Map.entry("modified proof[0] bit @3", RootMismatchException.class),
            Map.entry("modified proof[1] bit @3", RootMismatchException.class),
            Map.entry("modified proof[2] bit @3", RootMismatchException.class),
            Map.entry("inserted component", MalformedProofException.class),
            Map.entry("removed component", MalformedProofException.class),
            Map.entry("trailing garbage", MalformedProofException.class),
            Map.entry("preceding garbage", MalformedProofException.class),
            Map.entry("trailing root", MalformedProofException.class),
            Map.entry("preceding root", MalformedProofException.class),
            Map.entry("empty leaf", MalformedProofException.class),
            Map.entry("empty root and leaf", MalformedProofException.class),
            Map.entry("random leaf", MalformedProofException.class));

    static Stream<InclusionCase> transparencyDevCases() {
        return MerkleVectors.transparencyDevInclusion().stream();
    }

    static Stream<ReferenceTree> referenceTrees() {
        return MerkleTreeTests.referenceTrees();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transparencyDevCases")
    void decidesTransparencyDevCasesAsTheirAuthorsDo(InclusionCase vector) {
        var verification = assertThatCode(() -> InclusionVerifier.verify(
                SHA_256, vector.leafIndex(), vector.treeSize(), vector.leafHash(), vector.proof(), vector.root()));

        if (!vector.wantErr()) {
            verification.doesNotThrowAnyException();
        } else if (OUTCOME_BY_MUTATION.containsKey(vector.desc())) {
            verification.isInstanceOf(OUTCOME_BY_MUTATION.get(vector.desc()));
        } else {
            verification.isInstanceOf(InclusionProofException.class);
        }
    }

    @Test
    void readsAllTransparencyDevCases() {
        List<InclusionCase> cases = MerkleVectors.transparencyDevInclusion();

        assertThat(cases).hasSize(98);
        assertThat(cases).filteredOn(vector -> !vector.wantErr()).hasSize(6);
    }

    @ParameterizedTest
    @MethodSource("referenceTrees")
    void acceptsThePublishedPaths(ReferenceTree vectors) throws Exception {
        MerkleHasher hasher = MerkleHasher.of(vectors.algorithm());
        for (InclusionProof proof : vectors.proofs()) {
            byte[] leafHash = hasher.hashLeaf(vectors.leaves().get((int) proof.leafIndex()));
            byte[] root = vectors.root((int) proof.treeSize());

            InclusionVerifier.verify(hasher, proof, leafHash, root);

            assertThat(InclusionVerifier.rootFromInclusionProof(
                            hasher, proof.leafIndex(), proof.treeSize(), leafHash, proof.path()))
                    .isEqualTo(root);

            List<byte[]> parents = new ArrayList<>();
            List<byte[]> siblings = new ArrayList<>();
            byte[] climbed = InclusionVerifier.rootFromInclusionProof(
                    hasher,
                    proof.leafIndex(),
                    proof.treeSize(),
                    leafHash,
                    proof.path(),
                    (level, siblingOnLeft, sibling, from, parent) -> {
                        assertThat(level).isEqualTo(siblings.size() + 1);
                        assertThat(from).isEqualTo(parents.isEmpty() ? leafHash : parents.get(parents.size() - 1));
                        assertThat(parent)
                                .isEqualTo(
                                        siblingOnLeft
                                                ? hasher.hashChildren(sibling, from)
                                                : hasher.hashChildren(from, sibling));
                        siblings.add(sibling);
                        parents.add(parent);
                    });
            assertThat(climbed).isEqualTo(root);
            assertThat(siblings).containsExactlyElementsOf(proof.path());
            if (!parents.isEmpty()) {
                assertThat(parents.get(parents.size() - 1)).isEqualTo(root);
            }
        }
    }

    @Nested
    class WhenTheRootDoesNotMatch {

        @Test
        void carriesBothRoots() {
            MerkleTree tree = MerkleTree.fromLeafData(SHA_256, MerkleTreeTests.randomData(new Random(4), 6));
            byte[] otherRoot = SHA_256.hashLeaf(new byte[] {9});

            assertThatThrownBy(() ->
                            InclusionVerifier.verify(SHA_256, tree.inclusionProof(4), tree.leafHash(4), otherRoot))
                    .isInstanceOfSatisfying(RootMismatchException.class, mismatch -> {
                        assertThat(mismatch.expectedRoot()).isEqualTo(otherRoot);
                        assertThat(mismatch.calculatedRoot()).isEqualTo(tree.root());
                        assertThat(mismatch)
                                .hasMessage("calculated root " + HexFormat.of().formatHex(tree.root())
                                        + " does not match expected root "
                                        + HexFormat.of().formatHex(otherRoot));
                    });
        }
    }

    @Nested
    class WhenTheInputIsMalformed {

        private final MerkleTree tree = MerkleTree.fromLeafData(SHA_256, MerkleTreeTests.randomData(new Random(5), 5));
        private final InclusionProof proof = tree.inclusionProof(1);
        private final byte[] leaf = tree.leafHash(1);

        @Test
        void refusesAnIndexOutsideTheTree() {
            assertMalformed(5, 5, leaf, proof.path(), tree.root(), "leaf index 5 is not within a tree of 5 leaves");
            assertMalformed(-1, 5, leaf, proof.path(), tree.root(), "leaf index -1 is not within a tree of 5 leaves");
            assertMalformed(0, 0, leaf, List.of(), tree.root(), "leaf index 0 is not within a tree of 0 leaves");
        }

        @Test
        void refusesAPathOfTheWrongLength() {
            List<byte[]> longer = new ArrayList<>(proof.path());
            longer.add(leaf);

            assertMalformed(
                    1, 5, leaf, longer, tree.root(), "path has 4 hashes, but leaf 1 of a tree of 5 leaves needs 3");
            assertMalformed(
                    1,
                    5,
                    leaf,
                    proof.path().subList(0, 2),
                    tree.root(),
                    "path has 2 hashes, but leaf 1 of a tree of 5 leaves needs 3");
        }

        @Test
        void refusesHashesOfTheWrongLength() {
            List<byte[]> shortNode = new ArrayList<>(proof.path());
            shortNode.set(2, new byte[31]);

            assertMalformed(
                    1, 5, new byte[33], proof.path(), tree.root(), "leaf hash has 33 bytes, SHA-256 hashes have 32");
            assertMalformed(1, 5, null, proof.path(), tree.root(), "leaf hash has no bytes, SHA-256 hashes have 32");
            assertMalformed(1, 5, leaf, shortNode, tree.root(), "path[2] has 31 bytes, SHA-256 hashes have 32");
            assertMalformed(1, 5, leaf, proof.path(), new byte[0], "expected root has 0 bytes, SHA-256 hashes have 32");
        }

        private void assertMalformed(
                long index, long size, byte[] leafHash, List<byte[]> path, byte[] root, String message) {
            assertThatThrownBy(() -> InclusionVerifier.verify(SHA_256, index, size, leafHash, path, root))
                    .isInstanceOf(MalformedProofException.class)
                    .hasMessage(message);
        }
    }

    @Test
    void knowsThePathLengthOfEveryLeafOfSmallTrees() {
        // RFC 6962 section 2.1.1: the path is as long as the number of subtree roots the leaf's branch meets.
        ReferenceMerkleTree reference = new ReferenceMerkleTree(SHA_256);
        List<byte[]> data = MerkleTreeTests.randomData(new Random(6), 33);
        for (int size = 1; size <= 33; size++) {
            for (int index = 0; index < size; index++) {
                assertThat(InclusionVerifier.pathLength(index, size))
                        .isEqualTo(reference.path(index, data.subList(0, size)).size());
            }
        }
    }
}
