package org.exchangehub.hub.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exchangehub.hub.record.RecordSchemas;
import org.exchangehub.hub.record.RecordType;
import org.springframework.stereotype.Component;

/**
 * Masks personal fields ({@code x-personal} in the type's schema) in a record on its way out to a reader the policy
 * marks {@code masked}: names keep their first character (张*), identity numbers their first 3 and last 4 characters
 * (110***********1234), phones their first 3 and last 4 digits (138****5678). The stored record and its digest stay
 * whole; the masked view says it is masked and which fields, and cannot be verified as the original (the hub's verify
 * refuses it with {@code MASKED_VIEW}; its receipt's digest can still be checked: docs/security.md).
 */
@Component
public class FieldMasking {

    /** The member a masked envelope carries. */
    public static final String MARKER = "masked";

    private final RecordSchemas schemas;

    public FieldMasking(RecordSchemas schemas) {
        this.schemas = schemas;
    }

    /** A masked copy of a record envelope ({@code type, id, version, source, payload}); the argument is untouched. */
    public ObjectNode mask(ObjectNode envelope) {
        RecordType type = RecordType.byName(envelope.path("type").asText()).orElse(null);
        ObjectNode copy = envelope.deepCopy();
        if (type == null || !(copy.get("payload") instanceof ObjectNode payload)) {
            return copy;
        }
        List<String> masked = new ArrayList<>();
        for (Map.Entry<String, String> field : schemas.personalFieldKinds(type).entrySet()) {
            String[] steps = field.getKey().substring(1).split("/");
            maskAt(payload, steps, 0, "/payload", field.getValue(), masked);
        }
        ObjectNode marker = JsonNodeFactory.instance.objectNode();
        ArrayNode fields = marker.putArray("fields");
        masked.forEach(fields::add);
        marker.put(
                "note",
                "personal fields masked for this reader; this view is not the notarized record and does not verify"
                        + " as it (the receipt's digest is the original's)");
        copy.set(MARKER, marker);
        return copy;
    }

    /** Whether an envelope is a masked view. */
    public static boolean isMasked(JsonNode envelope) {
        return envelope != null && envelope.has(MARKER);
    }

    private static void maskAt(JsonNode node, String[] steps, int at, String path, String kind, List<String> masked) {
        if (node == null) {
            return;
        }
        String step = steps[at];
        if (step.equals("*")) {
            if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    maskAt(array.get(i), steps, at + 1, path + "/" + i, kind, masked);
                }
            }
            return;
        }
        if (!(node instanceof ObjectNode object) || !object.has(step)) {
            return;
        }
        if (at == steps.length - 1) {
            JsonNode value = object.get(step);
            if (value.isTextual()) {
                object.put(step, mask(value.asText(), kind));
                masked.add(path + "/" + step);
            }
            return;
        }
        maskAt(object.get(step), steps, at + 1, path + "/" + step, kind, masked);
    }

    /** One value masked by its kind: {@code name}, {@code idNumber} or {@code phone}. */
    static String mask(String value, String kind) {
        int[] cps = value.codePoints().toArray();
        int keepStart;
        int keepEnd;
        switch (kind) {
            case "name" -> {
                keepStart = 1;
                keepEnd = 0;
            }
            case "idNumber", "phone" -> {
                keepStart = 3;
                keepEnd = 4;
            }
            default -> {
                keepStart = 0;
                keepEnd = 0;
            }
        }
        if (cps.length <= keepStart + keepEnd) {
            keepStart = Math.min(keepStart, Math.max(cps.length - 1, 0));
            keepEnd = 0;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            boolean keep = i < keepStart || i >= cps.length - keepEnd;
            out.appendCodePoint(keep ? cps[i] : '*');
        }
        if (cps.length == 1) {
            out.append('*');
        }
        return out.toString();
    }
}
