package org.exchangehub.certs.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** Writes one JSON tree in RFC 8785 form; remembers where it is so that a refusal can say where. */
final class CanonicalWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private final Deque<String> path = new ArrayDeque<>();

    CanonicalWriter(StringBuilder out) {
        this.out = out;
    }

    void write(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node);
            case ARRAY -> writeArray(node);
            case STRING -> writeString(node.textValue());
            case NUMBER -> writeNumber(node);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw refusal("a " + node.getNodeType() + " node has no JSON form");
        }
    }

    private void writeObject(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 section 3.2.3 asks.
        names.sort(null);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            path.addLast(name);
            if (i > 0) {
                out.append(',');
            }
            writeString(name);
            out.append(':');
            write(node.get(name));
            path.removeLast();
        }
        out.append('}');
    }

    private void writeArray(JsonNode node) {
        out.append('[');
        Iterator<JsonNode> elements = node.elements();
        for (int i = 0; elements.hasNext(); i++) {
            path.addLast(Integer.toString(i));
            if (i > 0) {
                out.append(',');
            }
            write(elements.next());
            path.removeLast();
        }
        out.append(']');
    }

    private void writeNumber(JsonNode node) {
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw refusal(
                    "NaN, Infinity and numbers beyond the double range (" + node.asText() + ") have no canonical form");
        }
        out.append(EcmaScriptNumber.format(value));
    }

    private void writeString(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                throw refusal("lone surrogate \\u" + Integer.toHexString(c) + " at index " + i
                        + " of a string; it has no UTF-8 form");
            } else {
                appendEscaped(c);
            }
        }
        out.append('"');
    }

    private void appendEscaped(char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20) {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else {
                    out.append(c);
                }
            }
        }
    }

    private CanonicalizationException refusal(String reason) {
        return new CanonicalizationException(reason + " (at JSON pointer '" + pointer() + "')");
    }

    private String pointer() {
        StringBuilder pointer = new StringBuilder();
        for (String token : path) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
