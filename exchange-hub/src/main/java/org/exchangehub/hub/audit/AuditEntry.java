package org.exchangehub.hub.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HexFormat;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.digest.DigestAlgorithm;

/**
 * One audit entry as stored. Its hash is SHA-256 over the previous entry's hash (32 bytes) followed by the RFC 8785
 * canonical JSON of {@link #fields()}; the first entry's previous hash is {@link #GENESIS}. The seq is not hashed: the
 * chain orders the entries, and anchors tie a seq to a head hash.
 *
 * <p>An entry committed but not chained yet ({@link #pending()}) has no seq and no hashes: the chainer gives them a
 * moment later. Its time, the time the call was recorded, is already the one that is hashed.
 *
 * @param seq the place in the chain, 1, 2, 3, …; null while pending
 * @param previousHash null while pending
 * @param entryHash null while pending
 */
public record AuditEntry(Long seq, Instant time, AuditEvent event, String previousHash, String entryHash) {

    public static final DigestAlgorithm ALGORITHM = DigestAlgorithm.SHA_256;
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    /** The hashed fields: {@code actor, actorKind, code, operation, recordId, recordType, recordVersion, request, status, time}. */
    public static ObjectNode fields(Instant time, AuditEvent event) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("time", time.toString());
        fields.put("actorKind", event.actorKind().name());
        fields.put("actor", event.actor());
        fields.put("operation", event.operation().name());
        fields.put("request", event.request());
        fields.put("recordType", event.recordType());
        fields.put("recordId", event.recordId());
        fields.put("recordVersion", event.recordVersion());
        fields.put("status", event.status());
        fields.put("code", event.code());
        return fields;
    }

    /** The hex hash of an entry with these fields after {@code previousHash}. */
    public static String hash(String previousHash, Instant time, AuditEvent event) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(HEX.parseHex(previousHash));
        input.writeBytes(JsonCanonicalizer.canonicalize(fields(time, event)));
        return HEX.formatHex(ALGORITHM.digest(input.toByteArray()));
    }

    /** An entry recorded but not chained yet. */
    static AuditEntry pending(Instant time, AuditEvent event) {
        return new AuditEntry(null, time, event, null, null);
    }

    /** Whether the entry waits for its place in the chain (it is committed all the same). */
    @JsonProperty("pending")
    public boolean pending() {
        return seq == null;
    }

    /** The entry following {@code previousHash}, hashed. */
    static AuditEntry chained(long seq, Instant time, AuditEvent event, String previousHash) {
        return new AuditEntry(seq, time, event, previousHash, hash(previousHash, time, event));
    }
}
