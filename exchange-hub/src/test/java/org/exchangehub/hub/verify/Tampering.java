package org.exchangehub.hub.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * One random alteration of a record's or a receipt's JSON text: one byte, or one member anywhere in it (a value
 * changed, a member removed, array entries dropped, repeated or swapped), described for the failure message.
 */
final class Tampering {

    private static final String HEX = "0123456789abcdef";
    private static final String STRUCTURAL = "{}[]:,\"\\ \t\n0123456789abcdefnulltrue-+.eE";
    private static final String CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/+=";

    /** What was altered, and the altered text. */
    record Altered(String description, byte[] text) {}

    private Tampering() {}

    /** Replaces one byte by another: printable ASCII, JSON syntax, or any byte value. */
    static Altered oneByte(byte[] text, Random random) {
        byte[] altered = text.clone();
        int at = random.nextInt(text.length);
        byte replacement;
        do {
            int kind = random.nextInt(4);
            replacement = kind == 0
                    ? (byte) random.nextInt(256)
                    : kind == 1
                            ? (byte) STRUCTURAL.charAt(random.nextInt(STRUCTURAL.length()))
                            : (byte) (0x20 + random.nextInt(0x5f));
        } while (replacement == text[at]);
        altered[at] = replacement;
        return new Altered(
                "byte " + at + " '" + printable(text[at]) + "' -> '" + printable(replacement) + "'", altered);
    }

    /** Alters one member (at any depth) of the JSON object in {@code text}. */
    static Altered oneMember(byte[] text, Random random) {
        JsonNode root;
        try {
            root = AnchoredHub.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Place> places = new ArrayList<>();
        collect(root, "", places);
        Place place = places.get(random.nextInt(places.size()));
        JsonNode node = place.node();
        String description;
        int kind = random.nextInt(10);
        if (kind == 0 && place.parent() != null) {
            if (place.parent() instanceof ObjectNode object) {
                object.remove(place.key());
            } else {
                ((ArrayNode) place.parent()).remove(place.index());
            }
            description = "removed " + place.path();
        } else if (node.isArray() && !node.isEmpty()) {
            ArrayNode array = (ArrayNode) node;
            int i = random.nextInt(array.size());
            int way = random.nextInt(3);
            if (way == 0) {
                array.insert(i, array.get(i).deepCopy());
                description = "repeated " + place.path() + "[" + i + "]";
            } else if (way == 1 || array.size() < 2) {
                array.remove(i);
                description = "dropped " + place.path() + "[" + i + "]";
            } else {
                int j = (i + 1 + random.nextInt(array.size() - 1)) % array.size();
                JsonNode a = array.get(i);
                array.set(i, array.get(j));
                array.set(j, a);
                description = "swapped " + place.path() + "[" + i + "] and [" + j + "]";
            }
        } else if (place.parent() == null || node.isContainerNode()) {
            JsonNode replacement = JsonNodeFactory.instance.textNode("x");
            replace(place, replacement);
            description = "replaced " + place.path() + " by \"x\"";
        } else {
            JsonNode replacement = altered(node, random);
            replace(place, replacement);
            description = place.path() + ": " + node + " -> " + replacement;
        }
        try {
            return new Altered(description, AnchoredHub.JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A different value of the same kind where there is one: a hex digit, an instant, a character, a number. */
    static JsonNode altered(JsonNode value, Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.isTextual()) {
            String text = value.asText();
            if (text.isEmpty()) {
                return nodes.textNode("x");
            }
            if (text.chars().allMatch(c -> HEX.indexOf(c) >= 0)) {
                return nodes.textNode(replaceOne(text, HEX, random));
            }
            try {
                Instant instant = Instant.parse(text);
                Duration[] steps = {
                    Duration.ofNanos(1000), Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofDays(1)
                };
                Duration step = steps[random.nextInt(steps.length)];
                return nodes.textNode((random.nextBoolean() ? instant.plus(step) : instant.minus(step)).toString());
            } catch (DateTimeParseException e) {
                return nodes.textNode(replaceOne(text, CHARACTERS, random));
            }
        }
        if (value.isIntegralNumber()) {
            long[] deltas = {1, -1, 2, 1L << 20, random.nextInt(1000) + 3};
            return nodes.numberNode(value.asLong() + deltas[random.nextInt(deltas.length)]);
        }
        if (value.isNumber()) {
            return nodes.numberNode(value.asDouble() + 0.5);
        }
        if (value.isBoolean()) {
            return nodes.booleanNode(!value.asBoolean());
        }
        return nodes.textNode("x");
    }

    private static String replaceOne(String text, String alphabet, Random random) {
        int at = random.nextInt(text.length());
        char replacement;
        do {
            replacement = alphabet.charAt(random.nextInt(alphabet.length()));
        } while (replacement == text.charAt(at));
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    private record Place(JsonNode parent, String key, int index, JsonNode node, String path) {}

    private static void collect(JsonNode node, String path, List<Place> places) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode child = node.get(name);
                String childPath = path.isEmpty() ? name : path + "." + name;
                places.add(new Place(node, name, -1, child, childPath));
                collect(child, childPath, places);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String childPath = path + "[" + i + "]";
                places.add(new Place(node, null, i, node.get(i), childPath));
                collect(node.get(i), childPath, places);
            }
        }
    }

    private static void replace(Place place, JsonNode replacement) {
        if (place.parent() instanceof ObjectNode object) {
            object.set(place.key(), replacement);
        } else {
            ((ArrayNode) place.parent()).set(place.index(), replacement);
        }
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }

    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
