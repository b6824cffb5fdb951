package org.exchangehub.hub.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.digest.DigestAlgorithm;

/**
 * The canonical record: {@code {"id","payload","source","type","version"}}, canonicalized by RFC 8785. Its digest is
 * what the hub notarizes, so a receiver can recompute it from the record alone, and the same payload published as
 * another type, id, version or by another source has another digest.
 */
public final class RecordEnvelope {

    private RecordEnvelope() {}

    public static ObjectNode of(RecordType type, String id, int version, String source, JsonNode payload) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("type", type.name());
        envelope.put("id", id);
        envelope.put("version", version);
        envelope.put("source", source);
        envelope.set("payload", payload);
        return envelope;
    }

    /** The RFC 8785 bytes of an envelope. */
    public static byte[] canonical(JsonNode envelope) {
        return JsonCanonicalizer.canonicalize(envelope);
    }

    /** Hex digest of an envelope's canonical bytes. */
    public static String digest(JsonNode envelope, DigestAlgorithm algorithm) {
        return HexFormat.of().formatHex(algorithm.digest(canonical(envelope)));
    }
}
