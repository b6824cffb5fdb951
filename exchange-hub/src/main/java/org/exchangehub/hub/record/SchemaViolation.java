package org.exchangehub.hub.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One way a payload breaks its schema, worded for the developer at the publishing agency: the JSON pointer of the field
 * and what is wrong with it. The wording is ours, not the validator's, so that it stays the same across library
 * versions and server locales.
 */
record SchemaViolation(String pointer, String problem) {

    /** The keywords whose messages quote the offending value. */
    private static final Set<String> QUOTING = Set.of(
            "enum", "const", "format", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf");

    private static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Comparator<SchemaViolation> ORDER = Comparator.comparing(
                    SchemaViolation::pointer, SchemaViolation::comparePointers)
            .thenComparing(SchemaViolation::problem);

    /** The messages for a validator's errors against {@code schema} (the root schema), ordered by pointer. */
    static List<String> describe(List<Error> errors, JsonNode schema) {
        return errors.stream()
                .map(error -> of(error, schema))
                .distinct()
                .sorted(ORDER)
                .map(SchemaViolation::text)
                .toList();
    }

    String text() {
        return (pointer.isEmpty() ? "(payload)" : pointer) + ": " + problem;
    }

    static SchemaViolation of(Error error, JsonNode schema) {
        String at = error.getInstanceLocation().toString();
        JsonNode limit = error.getSchemaNode();
        // The schema holding the failing keyword, e.g. the "idNumber" property schema for a "pattern" failure.
        JsonNode owner =
                schema.at(error.getSchemaLocation().getFragment().getParent().toString());
        String keyword = error.getKeyword();
        String value = QUOTING.contains(keyword) ? got(error.getInstanceNode(), owner) : "";
        return switch (keyword) {
            case "required" ->
                new SchemaViolation(
                        at + "/" + RecordSchemas.escape(error.getProperty()), "is required" + condition(error, schema));
            case "additionalProperties" ->
                new SchemaViolation(
                        at + "/" + RecordSchemas.escape(error.getProperty()),
                        "is not a known field; known here: " + fieldNames(owner));
            case "type" ->
                new SchemaViolation(
                        at, "must be " + expectedType(limit) + ", got " + typeName(jsonType(error.getInstanceNode())));
            case "enum" -> new SchemaViolation(at, "must be one of " + listed(limit) + value);
            case "const" -> new SchemaViolation(at, "must be " + limit + value);
            case "pattern" ->
                new SchemaViolation(
                        at,
                        "does not match the " + owner.path("title").asText("required") + " pattern " + limit.asText());
            case "format" -> new SchemaViolation(at, format(limit.asText(), error.getInstanceNode(), value));
            case "minimum" -> new SchemaViolation(at, "must be >= " + limit + value);
            case "exclusiveMinimum" -> new SchemaViolation(at, "must be > " + limit + value);
            case "maximum" -> new SchemaViolation(at, "must be <= " + limit + value);
            case "exclusiveMaximum" -> new SchemaViolation(at, "must be < " + limit + value);
            case "multipleOf" -> new SchemaViolation(at, multipleOf(limit) + value);
            case "minLength" ->
                new SchemaViolation(
                        at,
                        limit.asInt() == 1
                                ? "must not be empty"
                                : "must have at least " + limit + " characters" + length(error));
            case "maxLength" -> new SchemaViolation(at, "must have at most " + limit + " characters" + length(error));
            case "minItems" ->
                new SchemaViolation(
                        at, "must have at least " + limit + " item" + (limit.asInt() == 1 ? "" : "s") + items(error));
            case "maxItems" -> new SchemaViolation(at, "must have at most " + limit + " items" + items(error));
            default -> new SchemaViolation(at, error.getMessage());
        };
    }

    /** " when status is CANCELLED" for a field required by the then-branch of an if that tests one constant. */
    private static String condition(Error error, JsonNode schema) {
        String location = error.getSchemaLocation().getFragment().toString();
        int then = location.lastIndexOf("/then/");
        if (then < 0) {
            return "";
        }
        JsonNode tested = schema.at(location.substring(0, then) + "/if/properties");
        if (tested.size() != 1) {
            return "";
        }
        var entry = tested.properties().iterator().next();
        JsonNode constant = entry.getValue().get("const");
        return constant == null ? "" : " when " + entry.getKey() + " is " + constant.asText();
    }

    private static String format(String format, JsonNode instance, String value) {
        if (!"date".equals(format)) {
            return "must be a valid " + format + value;
        }
        return instance.isTextual() && DATE_SHAPE.matcher(instance.asText()).matches()
                ? "is not a real calendar date" + value
                : "must be a date as yyyy-MM-dd" + value;
    }

    /** "at most 2 decimals" for a power of ten below one, otherwise "a multiple of". */
    private static String multipleOf(JsonNode divisor) {
        BigDecimal d = divisor.decimalValue().stripTrailingZeros();
        return d.unscaledValue().equals(BigInteger.ONE) && d.scale() > 0
                ? "must have at most " + d.scale() + " decimal" + (d.scale() == 1 ? "" : "s")
                : "must be a multiple of " + d.toPlainString();
    }

    private static String length(Error error) {
        String text = error.getInstanceNode().asText();
        return ", got " + text.codePointCount(0, text.length());
    }

    private static String items(Error error) {
        return ", got " + error.getInstanceNode().size();
    }

    private static String fieldNames(JsonNode owner) {
        List<String> names = new ArrayList<>();
        owner.path("properties").fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String listed(JsonNode values) {
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v.isTextual() ? v.asText() : v.toString()));
        return String.join(", ", names);
    }

    private static String jsonType(JsonNode node) {
        if (node.isIntegralNumber()) {
            return "integer";
        }
        return node.isNumber() ? "number" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String expectedType(JsonNode type) {
        if (!type.isArray()) {
            return typeName(type.asText());
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(typeName(t.asText())));
        return String.join(" or ", names);
    }

    private static String typeName(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    /** ", got <the value as JSON, cut short>", or nothing for personal data: messages end up in logs and responses. */
    private static String got(JsonNode instance, JsonNode owner) {
        if (owner.has("x-personal")) {
            return "";
        }
        String json = instance == null ? "nothing" : instance.toString();
        return ", got " + (json.length() <= 40 ? json : json.substring(0, 37) + "...");
    }

    /** Pointer order, numeric for array indexes (/buyers/2 before /buyers/10). */
    private static int comparePointers(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = isIndex(x[i]) && isIndex(y[i])
                    ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static boolean isIndex(String token) {
        return !token.isEmpty() && token.length() < 9 && token.chars().allMatch(Character::isDigit);
    }
}
