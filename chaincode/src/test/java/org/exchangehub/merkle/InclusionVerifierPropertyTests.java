package org.exchangehub.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded properties of trees of every size 1..256 and of a sample of sizes up to 2,000: every leaf's proof verifies;
 * a flipped bit of the leaf hash, of any path node or of the root makes it a root mismatch (one random bit per part
 * for sampled leaves of every tree; every bit for a few proofs); an impossible index, size or path length is malformed
 * input.
 *
 * <p>Hundreds of thousands of checks: each one records a deviation instead of asserting, so that the run stays within
 * seconds, and the test asserts once that there were none.
 */
class InclusionVerifierPropertyTests {

    private static final long SEED = 20261123L;

    private enum Outcome {
        VERIFIED,
        ROOT_MISMATCH,
        MALFORMED
    }

    private final List<String> deviations = new ArrayList<>();

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void everyLeafOfEveryTreeUpTo256LeavesVerifiesAndNoSampledFlippedBitDoes(DigestAlgorithm algorithm) {
        MerkleHasher hasher = MerkleHasher.of(algorithm);
        Random random = new Random(SEED);
        for (int size = 1; size <= 256; size++) {
            MerkleTree tree = randomTree(hasher, random, size);
            List<InclusionProof> proofs = tree.allInclusionProofs();
            for (InclusionProof proof : proofs) {
                expect(Outcome.VERIFIED, hasher, proof, leafOf(tree, proof), tree.root());
            }
            // Bit flips for the edges and a sample in between: every leaf would multiply the run by the path length.
            checkOneFlippedBitPerPart(hasher, tree, proofs.get(0), random);
            checkOneFlippedBitPerPart(hasher, tree, proofs.get(size - 1), random);
            for (int sample = 0; sample < 4; sample++) {
                checkOneFlippedBitPerPart(hasher, tree, proofs.get(random.nextInt(size)), random);
            }
            checkImpossibleShapes(hasher, tree, random);
        }

        assertThat(deviations).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void everyLeafOfSampledTreesUpTo2000LeavesVerifies(DigestAlgorithm algorithm) {
        MerkleHasher hasher = MerkleHasher.of(algorithm);
        Random random = new Random(SEED + algorithm.ordinal());
        TreeSet<Integer> sizes = new TreeSet<>(List.of(257, 511, 512, 513, 1_023, 1_024, 1_025, 2_000));
        while (sizes.size() < 16) {
            sizes.add(258 + random.nextInt(2_000 - 258));
        }
        for (int size : sizes) {
            MerkleTree tree = randomTree(hasher, random, size);
            List<InclusionProof> proofs = tree.allInclusionProofs();
            for (InclusionProof proof : proofs) {
                expect(Outcome.VERIFIED, hasher, proof, leafOf(tree, proof), tree.root());
            }
            for (int sample = 0; sample < 32; sample++) {
                checkOneFlippedBitPerPart(hasher, tree, proofs.get(random.nextInt(size)), random);
            }
            checkImpossibleShapes(hasher, tree, random);
        }

        assertThat(deviations).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void noBitOfAProofCanBeFlipped(DigestAlgorithm algorithm) {
        MerkleHasher hasher = MerkleHasher.of(algorithm);
        Random random = new Random(SEED);
        for (int size : new int[] {2, 7, 100, 1_000}) {
            MerkleTree tree = randomTree(hasher, random, size);
            InclusionProof proof = tree.inclusionProof(size - 2);
            byte[] leaf = leafOf(tree, proof);
            for (int bit = 0; bit < 8 * hasher.size(); bit++) {
                expect(Outcome.ROOT_MISMATCH, hasher, proof, flip(leaf, bit), tree.root());
                expect(Outcome.ROOT_MISMATCH, hasher, proof, leaf, flip(tree.root(), bit));
                for (int node = 0; node < proof.path().size(); node++) {
                    InclusionProof flipped =
                            withNode(proof, node, flip(proof.path().get(node), bit));
                    expect(Outcome.ROOT_MISMATCH, hasher, flipped, leaf, tree.root());
                }
            }
        }

        assertThat(deviations).isEmpty();
    }

    private void checkOneFlippedBitPerPart(MerkleHasher hasher, MerkleTree tree, InclusionProof proof, Random random) {
        byte[] leaf = leafOf(tree, proof);
        int bits = 8 * hasher.size();
        expect(Outcome.ROOT_MISMATCH, hasher, proof, flip(leaf, random.nextInt(bits)), tree.root());
        expect(Outcome.ROOT_MISMATCH, hasher, proof, leaf, flip(tree.root(), random.nextInt(bits)));
        for (int node = 0; node < proof.path().size(); node++) {
            InclusionProof flipped = withNode(proof, node, flip(proof.path().get(node), random.nextInt(bits)));
            expect(Outcome.ROOT_MISMATCH, hasher, flipped, leaf, tree.root());
        }
    }

    private void checkImpossibleShapes(MerkleHasher hasher, MerkleTree tree, Random random) {
        int size = tree.size();
        InclusionProof proof = tree.inclusionProof(random.nextInt(size));
        long index = proof.leafIndex();
        byte[] leaf = leafOf(tree, proof);
        byte[] root = tree.root();
        List<byte[]> longer = new ArrayList<>(proof.path());
        longer.add(random.nextInt(longer.size() + 1), root);

        expect(Outcome.MALFORMED, hasher, new InclusionProof(size, size, proof.path()), leaf, root);
        expect(Outcome.MALFORMED, hasher, new InclusionProof(-1, size, proof.path()), leaf, root);
        expect(Outcome.MALFORMED, hasher, new InclusionProof(index, index, proof.path()), leaf, root);
        expect(Outcome.MALFORMED, hasher, new InclusionProof(index, size, longer), leaf, root);
        if (!proof.path().isEmpty()) {
            List<byte[]> shorter = new ArrayList<>(proof.path());
            shorter.remove(random.nextInt(shorter.size()));
            expect(Outcome.MALFORMED, hasher, new InclusionProof(index, size, shorter), leaf, root);
        }
    }

    private void expect(Outcome expected, MerkleHasher hasher, InclusionProof proof, byte[] leaf, byte[] root) {
        Outcome actual;
        try {
            InclusionVerifier.verify(hasher, proof, leaf, root);
            actual = Outcome.VERIFIED;
        } catch (RootMismatchException e) {
            actual = Outcome.ROOT_MISMATCH;
        } catch (MalformedProofException e) {
            actual = Outcome.MALFORMED;
        }
        if (actual != expected && deviations.size() < 20) {
            deviations.add(hasher + " " + proof + ": expected " + expected + ", got " + actual);
        }
    }

    private static byte[] leafOf(MerkleTree tree, InclusionProof proof) {
        return tree.leafHash(Math.toIntExact(proof.leafIndex()));
    }

    private static MerkleTree randomTree(MerkleHasher hasher, Random random, int size) {
        List<byte[]> leaves = IntStream.range(0, size)
                .mapToObj(i -> {
                    byte[] digest = new byte[hasher.size()];
                    random.nextBytes(digest);
                    return hasher.hashLeaf(digest);
                })
                .toList();
        return MerkleTree.fromLeafHashes(hasher, leaves);
    }

    private static InclusionProof withNode(InclusionProof proof, int index, byte[] node) {
        List<byte[]> path = new ArrayList<>(proof.path());
        path.set(index, node);
        return new InclusionProof(proof.leafIndex(), proof.treeSize(), path);
    }

    private static byte[] flip(byte[] hash, int bit) {
        byte[] flipped = hash.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        return flipped;
    }
}
