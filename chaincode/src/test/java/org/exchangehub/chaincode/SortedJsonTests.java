package org.exchangehub.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SortedJsonTests {

    @Test
    void sortsKeysAtEveryDepth() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("z", 1);
        inner.put("a", true);
        Map<String, Object> outer = new HashMap<>();
        outer.put("list", List.of(inner, "x", 3L));
        outer.put("b", "text");
        outer.put("A", false);

        assertThat(SortedJson.object(outer))
                .isEqualTo("{\"A\":false,\"b\":\"text\",\"list\":[{\"a\":true,\"z\":1},\"x\",3]}");
    }

    @Test
    void escapesStrings() {
        assertThat(SortedJson.array(List.of("quote\" back\\ line\n tab\t ü")))
                .isEqualTo("[\"quote\\\" back\\\\ line\\n tab\\t ü\"]");
    }

    @Test
    void refusesNumbersWhoseTextIsNotFixed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SortedJson.array(List.of(1.5)))
                .withMessage("no sorted-JSON form for 1.5");
    }
}
