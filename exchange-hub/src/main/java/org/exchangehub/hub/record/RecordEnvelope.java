package org.exchangehub.hub.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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

    /**
     * The RFC 8785 bytes of a payload the hub is asked to accept: refused when they would change one of its numbers
     * ({@link JsonCanonicalizer#canonicalizeExact}).
     */
    public static byte[] canonicalExact(JsonNode payload) {
        return JsonCanonicalizer.canonicalizeExact(payload);
    }

    /**
     * The RFC 8785 bytes of the envelope {@link #of} would build, assembled from the payload's canonical bytes instead
     * of canonicalizing the whole envelope again. RFC 8785 orders an object's keys by their UTF-16 code units, so the
     * envelope's are always {@code id, payload, source, type, version}, and a member's canonical value does not depend
     * on where it stands.
     *
     * @param canonicalPayload the RFC 8785 bytes of the payload
     */
    public static byte[] canonical(RecordType type, String id, int version, String source, byte[] canonicalPayload) {
        byte[] idBytes = JsonCanonicalizer.canonicalize(TextNode.valueOf(id));
        byte[] sourceBytes = JsonCanonicalizer.canonicalize(TextNode.valueOf(source));
        byte[] typeBytes = JsonCanonicalizer.canonicalize(TextNode.valueOf(type.name()));
        byte[] versionBytes = Integer.toString(version).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte
                [ID.length
                        + idBytes.length
                        + PAYLOAD.length
                        + canonicalPayload.length
                        + SOURCE.length
                        + sourceBytes.length
                        + TYPE.length
                        + typeBytes.length
                        + VERSION.length
                        + versionBytes.length
                        + 1];
        int at = 0;
        at = put(out, at, ID);
        at = put(out, at, idBytes);
        at = put(out, at, PAYLOAD);
        at = put(out, at, canonicalPayload);
        at = put(out, at, SOURCE);
        at = put(out, at, sourceBytes);
        at = put(out, at, TYPE);
        at = put(out, at, typeBytes);
        at = put(out, at, VERSION);
        at = put(out, at, versionBytes);
        out[at] = '}';
        return out;
    }

    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] PAYLOAD = ascii(",\"payload\":");
    private static final byte[] SOURCE = ascii(",\"source\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] VERSION = ascii(",\"version\":");

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    /** Hex digest of an envelope's canonical bytes. */
    public static String digest(JsonNode envelope, DigestAlgorithm algorithm) {
        return HexFormat.of().formatHex(algorithm.digest(canonical(envelope)));
    }
}
