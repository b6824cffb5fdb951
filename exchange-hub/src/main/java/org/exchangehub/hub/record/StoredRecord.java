package org.exchangehub.hub.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** One version of a record as the hub stored it: the canonical payload, its digest and where it stands. */
public record StoredRecord(
        long seq,
        String receiptId,
        RecordType type,
        String id,
        int version,
        String source,
        String payload,
        String digest,
        String hashAlgorithm,
        boolean revoked,
        Instant acceptedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The record as receivers get it and as its digest covers it: type, id, version, source and payload. */
    public ObjectNode envelope() {
        try {
            return RecordEnvelope.of(type, id, version, source, JSON.readTree(payload));
        } catch (IOException e) {
            throw new UncheckedIOException("stored payload of " + type + "/" + id + " v" + version + " is not JSON", e);
        }
    }

    /** The stored payload parsed. */
    public JsonNode payloadNode() {
        return envelope().get("payload");
    }
}
