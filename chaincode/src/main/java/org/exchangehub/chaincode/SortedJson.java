package org.exchangehub.chaincode;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.json.JSONObject;

/**
 * Writes JSON with object keys in sorted order, so that every endorsing peer returns and stores the same bytes
 * (org.json's own {@code toString()} follows a HashMap's iteration order, which no one promises).
 */
final class SortedJson {

    private SortedJson() {}

    /** An object of the given fields, keys sorted; values may be strings, numbers, booleans, maps and collections. */
    static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder();
        append(out, fields);
        return out.toString();
    }

    /** An array of the given values, in the given order. */
    static String array(Collection<?> values) {
        StringBuilder out = new StringBuilder();
        append(out, values);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value instanceof String text) {
            out.append(JSONObject.quote(text));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, ?> field : new TreeMap<String, Object>(castKeys(map)).entrySet()) {
                out.append(separator).append(JSONObject.quote(field.getKey())).append(':');
                append(out, field.getValue());
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            String separator = "";
            for (Object item : items) {
                out.append(separator);
                append(out, item);
                separator = ",";
            }
            out.append(']');
        } else {
            // Doubles are left out on purpose: their text form is where JSON writers disagree.
            throw new IllegalArgumentException("no sorted-JSON form for " + value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
