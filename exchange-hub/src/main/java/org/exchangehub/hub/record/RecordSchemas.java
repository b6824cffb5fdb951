package org.exchangehub.hub.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.InvalidSchemaException;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.DialectId;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The JSON Schemas (draft 2020-12) of the canonical record payloads, one per {@link RecordType}, read from
 * {@code schemas/<type>.schema.json} and compiled once; checks a payload against its type's schema.
 *
 * <p>Construction fails when a schema is missing, is not a valid draft 2020-12 schema, uses an unknown keyword (a typo:
 * extension keywords start with {@code x-}), marks a field {@code x-personal} with an unknown kind, or does not require
 * its type's key field. Instances are immutable and thread-safe.
 */
@Component
public final class RecordSchemas {

    /** The values {@code x-personal} may take. */
    static final List<String> PERSONAL_KINDS = List.of("name", "idNumber", "phone");

    private static final String DEFAULT_PREFIX = "schemas/";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private record Compiled(String json, JsonNode node, Schema schema, Map<String, String> personal) {}

    private final Map<RecordType, Compiled> byType;

    /** Loads the schemas shipped with the hub. */
    public RecordSchemas() {
        this(DEFAULT_PREFIX);
    }

    /** Loads {@code <resourcePrefix><type lower-case>.schema.json} from the class path for every type. */
    RecordSchemas(String resourcePrefix) {
        SchemaRegistry registry = registry();
        Schema metaSchema = registry.getSchema(SchemaLocation.of(DialectId.DRAFT_2020_12));
        Map<RecordType, Compiled> schemas = new EnumMap<>(RecordType.class);
        for (RecordType type : RecordType.values()) {
            schemas.put(type, compile(registry, metaSchema, type, resourcePrefix + fileName(type)));
        }
        this.byType = Collections.unmodifiableMap(schemas);
    }

    /** The file name of a type's schema, e.g. {@code tax_clearance.schema.json}. */
    static String fileName(RecordType type) {
        return type.name().toLowerCase(Locale.ROOT) + ".schema.json";
    }

    /**
     * What is wrong with {@code payload} as a record of {@code type}: one message per problem, each starting with the
     * JSON pointer of the field, e.g. {@code /buyers/0/idNumber: does not match the 身份证号 pattern ...}, ordered by
     * pointer. Empty when the payload is valid. Values of personal fields are never quoted.
     */
    public List<String> violations(RecordType type, JsonNode payload) {
        Compiled c = compiled(type);
        List<com.networknt.schema.Error> errors = c.schema.validate(payload == null ? NullNode.getInstance() : payload);
        return errors.isEmpty() ? List.of() : SchemaViolation.describe(errors, c.node);
    }

    /** The schema as shipped (UTF-8 JSON text), to be served to the agencies. */
    public String schemaJson(RecordType type) {
        return compiled(type).json;
    }

    /**
     * The JSON pointers of the fields marked {@code x-personal}, with {@code *} for any array index, e.g.
     * {@code /buyers/*}{@code /idNumber}; sorted.
     */
    public Set<String> personalFields(RecordType type) {
        return compiled(type).personal.keySet();
    }

    /** Each personal field's pointer (as {@link #personalFields}) with its kind: {@code name}, {@code idNumber} or {@code phone}. */
    public Map<String, String> personalFieldKinds(RecordType type) {
        return compiled(type).personal;
    }

    private Compiled compiled(RecordType type) {
        return byType.get(Objects.requireNonNull(type, "type"));
    }

    private static SchemaRegistry registry() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                // In draft 2020-12 "format" only annotates unless asked: the hub asserts it (dates must be real dates).
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                // The validator's own messages (for keywords SchemaViolation does not word) in English, not the
                // server's locale.
                .locale(Locale.ENGLISH)
                .build();
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .unknownKeywordFactory(RecordSchemas::extensionKeyword)
                .build();
        return SchemaRegistry.withDialect(dialect, builder -> builder.schemaRegistryConfig(config));
    }

    /** {@code x-} keywords annotate silently (the default factory logs a warning for each); any other is a typo. */
    private static Keyword extensionKeyword(String keyword, SchemaContext context) {
        if (keyword.startsWith("x-")) {
            return new AnnotationKeyword(keyword);
        }
        throw new InvalidSchemaException(com.networknt.schema.Error.builder()
                .message("unknown keyword ''{0}'' (a typo? extension keywords start with x-)")
                .arguments(keyword)
                .build());
    }

    private static Compiled compile(SchemaRegistry registry, Schema metaSchema, RecordType type, String resource) {
        String json = read(type, resource);
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(type, resource, "it is not JSON: " + e.getOriginalMessage());
        }
        List<com.networknt.schema.Error> metaErrors = metaSchema.validate(node);
        if (!metaErrors.isEmpty()) {
            throw invalid(type, resource, "it is not a draft 2020-12 schema: " + metaErrors);
        }
        Set<String> required = new HashSet<>();
        node.path("required").forEach(field -> required.add(field.asText()));
        if (!required.contains(type.keyField())) {
            throw invalid(type, resource, "it does not require the key field '" + type.keyField() + "'");
        }
        Schema schema;
        try {
            schema = registry.getSchema(SchemaLocation.of("classpath:" + resource), node);
            schema.initializeValidators();
        } catch (SchemaException e) {
            throw invalid(type, resource, e.getMessage());
        }
        Map<String, String> personal = new TreeMap<>();
        try {
            collectPersonal(node, node, "", personal, 0);
        } catch (IllegalArgumentException e) {
            throw invalid(type, resource, e.getMessage());
        }
        return new Compiled(json, node, schema, Collections.unmodifiableMap(personal));
    }

    private static String read(RecordType type, String resource) {
        try (InputStream in = RecordSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "no schema for " + type + " records: class path resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Walks properties, items and local {@code $ref}s from {@code schema} at {@code pointer}, noting each
     * {@code x-personal} kind by its pointer.
     */
    private static void collectPersonal(
            JsonNode root, JsonNode schema, String pointer, Map<String, String> found, int depth) {
        if (depth > 50) {
            throw new IllegalArgumentException("its $refs recurse at " + pointer);
        }
        JsonNode kind = schema.get("x-personal");
        if (kind != null) {
            if (!PERSONAL_KINDS.contains(kind.asText())) {
                throw new IllegalArgumentException(
                        "x-personal at " + pointer + " is " + kind + "; allowed: " + PERSONAL_KINDS);
            }
            found.put(pointer, kind.asText());
        }
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            collectPersonal(root, root.at(ref.substring(1)), pointer, found, depth + 1);
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            collectPersonal(root, property.getValue(), pointer + "/" + escape(property.getKey()), found, depth + 1);
        }
        if (schema.has("items")) {
            collectPersonal(root, schema.get("items"), pointer + "/*", found, depth + 1);
        }
    }

    /** RFC 6901 escaping of one reference token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static IllegalStateException invalid(RecordType type, String resource, String why) {
        return new IllegalStateException("the " + type + " schema " + resource + " is invalid: " + why);
    }
}
