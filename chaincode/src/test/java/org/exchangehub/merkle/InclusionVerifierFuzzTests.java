package org.exchangehub.merkle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.exchangehub.certs.digest.DigestAlgorithm;

/**
 * Fuzzes inclusion proof verification from hex input, as a receipt or a request carries it. Invariant: success, a
 * {@link MalformedProofException} or a {@link RootMismatchException}, and always the verdict of an independent
 * recursive reference (RFC 9162 section 2.1.3 written as recursion on the tree's split); never another exception.
 *
 * <p>An input is UTF-8 lines: hash algorithm ({@code SHA-256} or {@code SM3}), leaf index, tree size, leaf hash hex,
 * expected root hex, then the audit path's hashes in hex, leaf side first. Numbers and hashes that are not numbers or
 * hex at all are the caller's to refuse (a JSON reader, {@link HexFormat}), so such inputs end early; the path is
 * read by {@link InclusionProof#parseHex}. Fuzzing mode: {@code JAZZER_FUZZ=1}; {@code mvn test} replays {@code
 * InclusionVerifierFuzzTestsInputs/}.
 */
class InclusionVerifierFuzzTests {

    private static final HexFormat HEX = HexFormat.of();

    @FuzzTest
    void verifyAgreesWithTheReferenceAndFailsOnlyAsMalformedOrMismatch(byte[] input) {
        List<String> lines = List.of(new String(input, UTF_8).split("\n", -1));
        if (lines.size() < 5) {
            return;
        }
        MerkleHasher hasher =
                MerkleHasher.of(lines.get(0).equals("SM3") ? DigestAlgorithm.SM3 : DigestAlgorithm.SHA_256);
        long leafIndex;
        long treeSize;
        byte[] leafHash;
        byte[] root;
        try {
            leafIndex = Long.parseLong(lines.get(1));
            treeSize = Long.parseLong(lines.get(2));
            leafHash = HEX.parseHex(lines.get(3));
            root = HEX.parseHex(lines.get(4));
        } catch (IllegalArgumentException notNumbersOrHex) {
            return;
        }
        List<String> pathHex = lines.subList(5, lines.size());

        Verdict expected = reference(hasher, leafIndex, treeSize, leafHash, pathHex, root);
        Verdict actual;
        try {
            InclusionVerifier.verify(hasher, InclusionProof.parseHex(leafIndex, treeSize, pathHex), leafHash, root);
            actual = Verdict.INCLUDED;
        } catch (MalformedProofException e) {
            assertThat(e.getMessage()).isNotBlank();
            actual = Verdict.MALFORMED;
        } catch (RootMismatchException e) {
            assertThat(e.expectedRoot()).isEqualTo(root);
            assertThat(e.calculatedRoot()).isNotEqualTo(root);
            actual = Verdict.ROOT_MISMATCH;
        }
        assertThat(actual).isEqualTo(expected);
    }

    private enum Verdict {
        INCLUDED,
        MALFORMED,
        ROOT_MISMATCH
    }

    private static Verdict reference(
            MerkleHasher hasher, long index, long size, byte[] leafHash, List<String> pathHex, byte[] root) {
        if (index < 0 || index >= size || leafHash.length != hasher.size() || root.length != hasher.size()) {
            return Verdict.MALFORMED;
        }
        byte[][] path = new byte[pathHex.size()][];
        for (int i = 0; i < path.length; i++) {
            try {
                path[i] = HEX.parseHex(pathHex.get(i));
            } catch (IllegalArgumentException e) {
                return Verdict.MALFORMED;
            }
            if (path[i].length != hasher.size()) {
                return Verdict.MALFORMED;
            }
        }
        if (path.length != referencePathLength(index, size)) {
            return Verdict.MALFORMED;
        }
        return Arrays.equals(referenceRoot(hasher, index, size, leafHash, path, path.length), root)
                ? Verdict.INCLUDED
                : Verdict.ROOT_MISMATCH;
    }

    /** RFC 9162 2.1.3.1: a leaf's path is one hash per split on the way down to it. */
    private static int referencePathLength(long index, long size) {
        if (size == 1) {
            return 0;
        }
        long split = Long.highestOneBit(size - 1);
        return 1
                + (index < split
                        ? referencePathLength(index, split)
                        : referencePathLength(index - split, size - split));
    }

    /** The root from the top down: {@code path[top - 1]} is the sibling of the subtree holding the leaf. */
    private static byte[] referenceRoot(
            MerkleHasher hasher, long index, long size, byte[] leafHash, byte[][] path, int top) {
        if (size == 1) {
            return leafHash;
        }
        long split = Long.highestOneBit(size - 1);
        return index < split
                ? hasher.hashChildren(referenceRoot(hasher, index, split, leafHash, path, top - 1), path[top - 1])
                : hasher.hashChildren(
                        path[top - 1], referenceRoot(hasher, index - split, size - split, leafHash, path, top - 1));
    }
}
