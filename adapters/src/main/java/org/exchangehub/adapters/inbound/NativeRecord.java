package org.exchangehub.adapters.inbound;

import java.util.Map;
import org.exchangehub.adapters.hub.CanonicalRecord;

/**
 * One record as an agency wrote it, with where it came from.
 *
 * @param sourceRef where it came from, e.g. {@code EXCH_CONTRACT#17} or {@code contracts-20261123.xml#3}; sent to the
 *     hub as {@link org.exchangehub.adapters.hub.HubHeaders#SOURCE_REF}
 * @param mapping how it becomes a canonical record
 * @param fields its fields by native name
 */
public record NativeRecord(String sourceRef, NativeMapping mapping, Map<String, ?> fields) {

    public CanonicalRecord toCanonical() {
        return mapping.toCanonical(fields);
    }

    /** Its native id, or empty when the id itself is missing. */
    public String keyOrEmpty() {
        return mapping.keyOf(fields).orElse("");
    }
}
