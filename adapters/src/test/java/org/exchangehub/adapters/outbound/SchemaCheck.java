package org.exchangehub.adapters.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a payload against the hub's JSON schema of its type, read from {@code exchange-hub} in the same checkout
 * (the adapters do not depend on the hub, the test only reads its file). Covers what the schemas use: type, required,
 * additionalProperties, pattern, enum, const, format date, lengths, item counts, multipleOf, minimum/maximum,
 * $ref to $defs and allOf if/then.
 */
public final class SchemaCheck {

    private static final Path SCHEMAS = Path.of("..", "exchange-hub", "src", "main", "resources", "schemas");

    private final JsonNode schema;

    private SchemaCheck(JsonNode schema) {
        this.schema = schema;
    }

    /** The check for a record type, e.g. {@code TAX_CLEARANCE}. */
    public static SchemaCheck of(String type) {
        Path file = SCHEMAS.resolve(type.toLowerCase() + ".schema.json");
        try {
            return new SchemaCheck(SampleRecords.JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the hub's schema " + file.toAbsolutePath(), e);
        }
    }

    /** The problems, each starting with the JSON pointer of the field; empty when the payload is valid. */
    public List<String> problems(JsonNode payload) {
        List<String> problems = new ArrayList<>();
        check(schema, payload, "", problems);
        return problems;
    }

    private void check(JsonNode rule, JsonNode value, String at, List<String> problems) {
        if (rule.has("$ref")) {
            String ref = rule.get("$ref").asText().replaceFirst("^#/\\$defs/", "");
            check(schema.path("$defs").path(ref), value, at, problems);
            return;
        }
        String type = rule.path("type").asText("");
        if (!type.isEmpty() && !hasType(type, value)) {
            problems.add(at + ": not of type " + type);
            return;
        }
        if (rule.has("enum") && !contains(rule.get("enum"), value)) {
            problems.add(at + ": not one of " + rule.get("enum"));
        }
        if (rule.has("const") && !rule.get("const").equals(value)) {
            problems.add(at + ": not " + rule.get("const"));
        }
        if (value.isTextual()) {
            text(rule, value.asText(), at, problems);
        }
        if (value.isNumber()) {
            number(rule, value.decimalValue(), at, problems);
        }
        if (value.isArray()) {
            if (value.size() < rule.path("minItems").asInt(0)
                    || value.size() > rule.path("maxItems").asInt(1000)) {
                problems.add(at + ": wrong number of items " + value.size());
            }
            for (int i = 0; i < value.size(); i++) {
                check(rule.path("items"), value.get(i), at + "/" + i, problems);
            }
        }
        if (value.isObject()) {
            object(rule, value, at, problems);
        }
    }

    private void object(JsonNode rule, JsonNode value, String at, List<String> problems) {
        rule.path("required").forEach(field -> {
            if (!value.has(field.asText())) {
                problems.add(at + "/" + field.asText() + ": required");
            }
        });
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode fieldRule = rule.path("properties").get(field.getKey());
            if (fieldRule == null) {
                if (rule.path("additionalProperties").isBoolean()
                        && !rule.get("additionalProperties").asBoolean()) {
                    problems.add(at + "/" + field.getKey() + ": not allowed");
                }
            } else {
                check(fieldRule, field.getValue(), at + "/" + field.getKey(), problems);
            }
        }
        for (JsonNode conditional : rule.path("allOf")) {
            List<String> ifProblems = new ArrayList<>();
            check(conditional.path("if"), value, at, ifProblems);
            if (ifProblems.isEmpty() && conditional.has("then")) {
                check(conditional.get("then"), value, at, problems);
            }
        }
    }

    private static void text(JsonNode rule, String text, String at, List<String> problems) {
        if (rule.has("pattern") && !text.matches(rule.get("pattern").asText())) {
            problems.add(at + ": does not match " + rule.get("pattern").asText());
        }
        int length = text.codePointCount(0, text.length());
        if (length < rule.path("minLength").asInt(0)
                || length > rule.path("maxLength").asInt(Integer.MAX_VALUE)) {
            problems.add(at + ": wrong length " + length);
        }
        if ("date".equals(rule.path("format").asText())) {
            try {
                LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(at + ": not a date yyyy-MM-dd");
            }
        }
    }

    private static void number(JsonNode rule, BigDecimal number, String at, List<String> problems) {
        if (rule.has("multipleOf")
                && number.remainder(rule.get("multipleOf").decimalValue()).signum() != 0) {
            problems.add(at + ": not a multiple of " + rule.get("multipleOf"));
        }
        if (rule.has("minimum") && number.compareTo(rule.get("minimum").decimalValue()) < 0) {
            problems.add(at + ": below " + rule.get("minimum"));
        }
        if (rule.has("exclusiveMinimum")
                && number.compareTo(rule.get("exclusiveMinimum").decimalValue()) <= 0) {
            problems.add(at + ": not above " + rule.get("exclusiveMinimum"));
        }
        if (rule.has("maximum") && number.compareTo(rule.get("maximum").decimalValue()) > 0) {
            problems.add(at + ": above " + rule.get("maximum"));
        }
    }

    private static boolean hasType(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            default -> true;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
