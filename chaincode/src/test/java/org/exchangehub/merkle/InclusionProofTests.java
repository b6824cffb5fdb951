package org.exchangehub.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InclusionProofTests {

    @Test
    void readsAndWritesThePathAsHex() {
        InclusionProof proof = InclusionProof.fromHex(1, 3, List.of("00ff", "ABCD"));

        assertThat(proof.path()).containsExactly(new byte[] {0, -1}, new byte[] {(byte) 0xab, (byte) 0xcd});
        assertThat(proof.pathHex()).containsExactly("00ff", "abcd");
        assertThat(proof).hasToString("InclusionProof[leafIndex=1, treeSize=3, path=[00ff, abcd]]");
    }

    @Test
    void comparesPathsByContent() {
        InclusionProof proof = InclusionProof.fromHex(1, 3, List.of("00ff"));

        assertThat(proof)
                .isEqualTo(InclusionProof.fromHex(1, 3, List.of("00FF")))
                .hasSameHashCodeAs(InclusionProof.fromHex(1, 3, List.of("00FF")))
                .isNotEqualTo(InclusionProof.fromHex(1, 3, List.of("00fe")))
                .isNotEqualTo(InclusionProof.fromHex(2, 3, List.of("00ff")))
                .isNotEqualTo(InclusionProof.fromHex(1, 4, List.of("00ff")))
                .isNotEqualTo(InclusionProof.fromHex(1, 3, List.of("00ff", "00ff")))
                .isNotEqualTo("00ff");
    }

    @Test
    void keepsItsOwnListOfPathNodes() {
        List<byte[]> path = new ArrayList<>(List.of(new byte[] {1}));
        InclusionProof proof = new InclusionProof(0, 2, path);

        path.clear();

        assertThat(proof.path()).hasSize(1);
        assertThatThrownBy(() -> proof.path().add(new byte[] {2})).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parsesAPathFromOutsideLikeFromHex() throws Exception {
        assertThat(InclusionProof.parseHex(1, 3, List.of("00FF")))
                .isEqualTo(InclusionProof.fromHex(1, 3, List.of("00ff")));
    }

    @Test
    void refusesAPathFromOutsideThatIsNotHexAsMalformed() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> InclusionProof.parseHex(1, 3, List.of("00ff", "xyz")))
                .isInstanceOf(MalformedProofException.class)
                .hasMessage("path[1] is not hex: xyz");
        assertThatThrownBy(() -> InclusionProof.parseHex(1, 3, List.of("abc")))
                .isInstanceOf(MalformedProofException.class)
                .hasMessage("path[0] is not hex: abc");
        assertThatThrownBy(() -> InclusionProof.parseHex(1, 3, withNull))
                .isInstanceOf(MalformedProofException.class)
                .hasMessage("path[0] is not hex: null");
        assertThatThrownBy(() -> InclusionProof.parseHex(1, 3, null))
                .isInstanceOf(MalformedProofException.class)
                .hasMessage("the proof has no audit path");
    }
}
