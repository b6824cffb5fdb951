package org.exchangehub.adapters.inbound;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.exchangehub.adapters.hub.CanonicalRecord;

/**
 * How one kind of native record becomes a canonical record: the record type, the native field holding its id, and
 * the payload built from the native fields.
 *
 * @param recordType the canonical type, e.g. {@code CONTRACT}
 * @param keyField the native field that is the record's id, e.g. {@code HTBH}
 * @param payload builds the canonical payload; throws {@link MappingException} on a bad value
 */
public record NativeMapping(String recordType, String keyField, Function<NativeFields, ObjectNode> payload) {

    // Exact decimals keep the scale the agency wrote (98.70 stays 98.70), so a digest never depends on a rounding.
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    public NativeMapping {
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(keyField, "keyField");
        Objects.requireNonNull(payload, "payload");
    }

    /** An empty payload object whose decimals keep their scale. */
    public static ObjectNode newPayload() {
        return NODES.objectNode();
    }

    /**
     * The canonical record of these native fields, version left to the hub. Any failure is a {@link
     * MappingException}: mapping is a pure function of the fields, so whatever it throws will be thrown again on a
     * retry, and a row that could never pass must not block the rows behind it.
     */
    public CanonicalRecord toCanonical(Map<String, ?> fields) {
        NativeFields nativeFields = new NativeFields(fields);
        try {
            // The payload first: its message is the more precise one when the record is wrong altogether.
            ObjectNode canonicalPayload = payload.apply(nativeFields);
            return new CanonicalRecord(recordType, nativeFields.text(keyField), null, canonicalPayload);
        } catch (MappingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MappingException(recordType + " cannot be mapped: " + e, e);
        }
    }

    /** The native id, if the fields have one, to name a rejected record. */
    public Optional<String> keyOf(Map<String, ?> fields) {
        return new NativeFields(fields).optionalText(keyField);
    }
}
