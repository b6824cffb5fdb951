package org.exchangehub.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MerkleHasherTests {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void prefixesAreThoseOfRfc6962() {
        assertThat(MerkleHasher.LEAF_PREFIX).isEqualTo((byte) 0x00);
        assertThat(MerkleHasher.NODE_PREFIX).isEqualTo((byte) 0x01);
    }

    @Test
    void emptyRootIsTheHashOfNothing() {
        assertThat(HEX.formatHex(MerkleHasher.of(DigestAlgorithm.SHA_256).emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(HEX.formatHex(MerkleHasher.of(DigestAlgorithm.SM3).emptyRoot()))
                .isEqualTo("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void hashesLeavesAndNodesWithTheirPrefix(DigestAlgorithm algorithm) {
        MerkleHasher hasher = MerkleHasher.of(algorithm);
        byte[] data = {1, 2, 3};
        byte[] left = algorithm.digest(new byte[] {4});
        byte[] right = algorithm.digest(new byte[] {5});

        assertThat(hasher.hashLeaf(data)).isEqualTo(algorithm.digest(concat(new byte[] {0x00}, data)));
        assertThat(hasher.hashChildren(left, right))
                .isEqualTo(algorithm.digest(concat(new byte[] {0x01}, left, right)));
        assertThat(hasher.size()).isEqualTo(32);
        assertThat(hasher.algorithm()).isEqualTo(algorithm);
        assertThat(hasher).hasToString("MerkleHasher[" + algorithm.standardName() + "]");
    }

    @Test
    void sharesOneHasherPerAlgorithm() {
        assertThat(MerkleHasher.of(DigestAlgorithm.SM3)).isSameAs(MerkleHasher.of(DigestAlgorithm.SM3));
    }

    @Test
    void aRefusedNullLeavesTheThreadsDigestClean() {
        MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.SHA_256);
        byte[] expected = hasher.hashLeaf(new byte[] {7});

        assertThatNullPointerException().isThrownBy(() -> hasher.hashLeaf(null));
        assertThatNullPointerException().isThrownBy(() -> hasher.hashChildren(expected, null));

        assertThat(hasher.hashLeaf(new byte[] {7})).isEqualTo(expected);
    }

    @Test
    void givesTheSameHashesOnConcurrentThreads() throws Exception {
        MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.SHA_256);
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            expected.add(hasher.hashLeaf(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<byte[]>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    List<byte[]> hashes = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        hashes.add(hasher.hashLeaf(new byte[] {(byte) i, (byte) (i >> 8)}));
                    }
                    return hashes;
                }));
            }
            for (Future<List<byte[]>> result : results) {
                assertThat(result.get()).containsExactlyElementsOf(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
