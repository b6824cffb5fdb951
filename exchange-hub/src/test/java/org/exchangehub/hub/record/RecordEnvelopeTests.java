package org.exchangehub.hub.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.hub.exchange.Payloads;
import org.junit.jupiter.api.Test;

/** The envelope assembled from the canonical payload is byte for byte the canonical envelope. */
class RecordEnvelopeTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAssembledEnvelopeIsTheCanonicalEnvelope() throws Exception {
        List<JsonNode> payloads = List.of(
                Payloads.contract("HT-1", "FW-1", "SIGNED"),
                Payloads.unit("FW-1", "AVAILABLE", 1_234_567.5),
                JSON.readTree("{\"z\":1,\"a\":[1e21,0.1,-0,\"\\u0007\\u2028\"],\"é\":{\"b\":null,\"a\":true}}"),
                JSON.readTree("{}"),
                JSON.readTree("{\"\\ud83d\\ude00\":\"😀\",\"\\u0080\":\"x\"}"));
        List<String> ids = List.of("HT-1", "", "id \"quoted\" \\ back\\slash", "中文/路径\n\t", "😀\u0001");
        List<String> sources = List.of("housing", "tax", "a\"b");
        for (JsonNode payload : payloads) {
            byte[] canonicalPayload = RecordEnvelope.canonical(payload);
            for (String id : ids) {
                for (String source : sources) {
                    for (int version : new int[] {1, 2, 9, 10, 99, 1000, 123_456, Integer.MAX_VALUE}) {
                        for (RecordType type : RecordType.values()) {
                            byte[] expected = JsonCanonicalizer.canonicalize(
                                    RecordEnvelope.of(type, id, version, source, payload));
                            assertThat(RecordEnvelope.canonical(type, id, version, source, canonicalPayload))
                                    .as("%s %s v%d %s %s", type, id, version, source, payload)
                                    .isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }
}
