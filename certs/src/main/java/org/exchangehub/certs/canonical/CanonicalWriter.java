package org.exchangehub.certs.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.exchangehub.certs.canonical.CanonicalizationException.Reason;

/** Writes one JSON tree in RFC 8785 form; remembers where it is so that a refusal can say where. */
final class CanonicalWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private final boolean exactNumbers;
    private final Deque<String> path = new ArrayDeque<>();

    /**
     * @param exactNumbers refuse a number whose canonical (double) form has another value than the tree holds, where
     *     the tree holds the exact value (big decimal, big integer or long nodes)
     */
    CanonicalWriter(StringBuilder out, boolean exactNumbers) {
        this.out = out;
        this.exactNumbers = exactNumbers;
    }

    void write(JsonNode node) {
        if (node.isContainerNode() && path.size() >= JsonLimits.MAX_NESTING_DEPTH) {
            // a tree built in code has no parser to bound its depth; recursion would end in a StackOverflowError
            throw refusal(
                    Reason.LIMIT_EXCEEDED,
                    "nested deeper than " + JsonLimits.MAX_NESTING_DEPTH + " arrays and objects");
        }
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node);
            case ARRAY -> writeArray(node);
            case STRING -> writeString(node.textValue());
            case NUMBER -> writeNumber(node);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw refusal(Reason.NOT_JSON, "a " + node.getNodeType() + " node has no JSON form");
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
                    Reason.NUMBER_OUT_OF_RANGE,
                    "NaN, Infinity and numbers beyond the double range (" + abbreviated(node.asText())
                            + ") have no canonical form");
        }
        String canonical = EcmaScriptNumber.format(value);
        if (exactNumbers && holdsExactValue(node) && new BigDecimal(canonical).compareTo(node.decimalValue()) != 0) {
            throw refusal(
                    Reason.NUMBER_NOT_EXACT,
                    "the number " + abbreviated(node.asText()) + " has no exact IEEE 754 double form; its canonical"
                            + " form would be " + canonical);
        }
        out.append(canonical);
    }

    /** Nodes that keep the number as written; a double node was rounded by whoever parsed it. */
    private static boolean holdsExactValue(JsonNode node) {
        return node.isBigDecimal() || node.isBigInteger() || node.isLong() || node.isInt() || node.isShort();
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10);
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
                throw refusal(
                        Reason.LONE_SURROGATE,
                        "lone surrogate \\u" + Integer.toHexString(c) + " at index " + i
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

    private CanonicalizationException refusal(Reason reason, String detail) {
        String pointer = pointer();
        return new CanonicalizationException(reason, pointer, detail + " (at JSON pointer '" + pointer + "')", null);
    }

    private String pointer() {
        StringBuilder pointer = new StringBuilder();
        for (String token : path) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
