package org.exchangehub.hub.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BatchTilesTests {

    private static final MerkleHasher HASHER = MerkleHasher.of(DigestAlgorithm.SHA_256);
    /** Four whole tiles and a short last one: the right edge of both trees is exercised. */
    private static final int LEAVES = 4 * BatchTiles.WIDTH + 37;

    private final List<byte[]> data = leafData(LEAVES);
    private final MerkleTree whole = MerkleTree.fromLeafData(HASHER, data);
    private final byte[] tileRoots = BatchTiles.rootsOf(whole);

    @Nested
    class Tile {

        @Test
        void givesEveryLeafOfItsTileTheAuditPathOfTheWholeTree() {
            for (int tile = 0; tile * BatchTiles.WIDTH < LEAVES; tile++) {
                BatchTiles.Tile checked =
                        BatchTiles.Tile.of(HASHER, tile, LEAVES, tileData(tile), tileRoots, whole.root());
                int first = tile * BatchTiles.WIDTH;
                for (int leaf = first; leaf < Math.min(LEAVES, first + BatchTiles.WIDTH); leaf++) {
                    assertThat(checked.proof(leaf).path())
                            .as("leaf %d", leaf)
                            .containsExactlyElementsOf(
                                    whole.inclusionProof(leaf).path());
                    assertThat(checked.proof(leaf).treeSize()).isEqualTo(LEAVES);
                }
            }
        }

        @Test
        void refusesALeafOfAnotherTile() {
            BatchTiles.Tile first = BatchTiles.Tile.of(HASHER, 0, LEAVES, tileData(0), tileRoots, whole.root());

            assertThatThrownBy(() -> first.proof(BatchTiles.WIDTH))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not in tile 0");
        }

        @Test
        void refusesTileDataThatDoesNotMakeTheStoredRoots() {
            List<byte[]> altered = new ArrayList<>(tileData(2));
            altered.set(5, "altered".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> BatchTiles.Tile.of(HASHER, 2, LEAVES, altered, tileRoots, whole.root()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tile 2 of the batch does not make its stored root");
        }

        @Test
        void refusesATileWithLeavesMissing() {
            List<byte[]> shorter = tileData(4).subList(0, 36);

            assertThatThrownBy(() -> BatchTiles.Tile.of(HASHER, 4, LEAVES, shorter, tileRoots, whole.root()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("36 leaves in tile 4");
        }
    }

    private List<byte[]> tileData(int tile) {
        int first = tile * BatchTiles.WIDTH;
        return data.subList(first, Math.min(LEAVES, first + BatchTiles.WIDTH));
    }

    private static List<byte[]> leafData(int count) {
        List<byte[]> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leaves.add(HASHER.hashLeaf(("record " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }
}
