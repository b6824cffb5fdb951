package org.exchangehub.hub.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exchangehub.certs.canonical.CanonicalizationException;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.canonical.JsonLimits;

/**
 * How the hub reads JSON it is sent: the one reader behind every API request body (through {@link
 * RequestJsonConfiguration}) and for anyone else who reads JSON on a caller's behalf ({@link #read}, {@link
 * #readTree}). It refuses, with an {@link ApiException} naming the problem and the JSON pointer (property {@code
 * pointer}) of the value:
 *
 * <ul>
 *   <li>a member named twice in one object, at any depth: {@link ApiProblem#JSON_DUPLICATE_MEMBER} (the hub would have
 *       to pick one of the two values, and notarize something the sender did not say);
 *   <li>a member the request type does not have, e.g. a misspelt {@code "verison"}: {@link
 *       ApiProblem#JSON_UNKNOWN_MEMBER} (it would be ignored silently);
 *   <li>JSON without an RFC 8785 canonical form, or whose canonical form would change it, in a record or anywhere a
 *       string is expected: numbers beyond the double range ({@code 1e400}), numbers the double form would change
 *       ({@code 9007199254740993}, {@code 1e-400}, more than ~17 significant digits), lone UTF-16 surrogates in
 *       strings or member names: {@link ApiProblem#JSON_NOT_CANONICALIZABLE} with the reason;
 *   <li>JSON beyond the canonicalizer's own limits ({@link JsonLimits}: nesting depth, number, string and name length,
 *       document size): {@link ApiProblem#JSON_LIMIT_EXCEEDED};
 *   <li>anything else that is not one JSON value of the expected shape (syntax errors, {@code NaN}, comments, trailing
 *       tokens, a string where a number belongs, {@code 1.5} or {@code "2"} for an integer): {@link
 *       ApiProblem#BAD_REQUEST}.
 * </ul>
 *
 * Numbers in JSON trees are read exactly (big decimals), so a record's number is checked, not rounded.
 */
public final class RequestJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(JsonLimits.streamReadConstraints())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("request-json")
                    .addDeserializer(JsonNode.class, new CanonicalTree())
                    .addDeserializer(String.class, new CanonicalString()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private RequestJson() {}

    /** The configured reader, for Spring MVC's message converter; do not reconfigure it. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads JSON bytes as {@code type}.
     *
     * @throws ApiException naming the problem (see the class comment)
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new ApiException(
                        ApiProblem.BAD_REQUEST, "the request body is the JSON null, not a " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    /**
     * Reads JSON bytes as a tree, checked as a record is: every member once, a canonical form that keeps every value.
     *
     * @throws ApiException naming the problem (see the class comment)
     */
    public static JsonNode readTree(byte[] json) {
        JsonNode tree = read(json, JsonNode.class);
        if (tree.isMissingNode()) {
            throw new ApiException(ApiProblem.BAD_REQUEST, "the input holds no JSON value");
        }
        return tree;
    }

    /**
     * Converts a tree already read by {@link #readTree} to {@code type} with the same rules (unknown members refused).
     *
     * @throws ApiException naming the problem (see the class comment)
     */
    public static <T> T read(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            throw refusal(e);
        }
    }

    /** The refusal for a failure to read a request body: the problem it names, the JSON pointer where it lies. */
    public static ApiException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotCanonicalizable e) {
                ApiProblem problem = e.refusal.reason() == CanonicalizationException.Reason.LIMIT_EXCEEDED
                        ? ApiProblem.JSON_LIMIT_EXCEEDED
                        : ApiProblem.JSON_NOT_CANONICALIZABLE;
                return refusal(
                        problem,
                        e.pointer,
                        e.getOriginalMessage(),
                        e.refusal.reason().name());
            }
            if (t instanceof UnrecognizedPropertyException e) {
                String pointer = pointer(e.getPath());
                return refusal(
                        ApiProblem.JSON_UNKNOWN_MEMBER,
                        pointer,
                        "unknown member '" + e.getPropertyName() + "' at JSON pointer '" + pointer + "'; known: "
                                + e.getKnownPropertyIds(),
                        null);
            }
            if (t instanceof StreamConstraintsException e) {
                return refusal(ApiProblem.JSON_LIMIT_EXCEEDED, parserPointer(e), e.getOriginalMessage(), null);
            }
            if (t instanceof StreamReadException e
                    && e.getOriginalMessage() != null
                    && e.getOriginalMessage().contains(" surrogate ")) {
                // Jackson's own parser refuses a lone surrogate escaped in a member name
                String pointer = parserPointer(e);
                return refusal(
                        ApiProblem.JSON_NOT_CANONICALIZABLE,
                        pointer,
                        e.getOriginalMessage() + " at JSON pointer '" + pointer + "': it has no UTF-8 form",
                        CanonicalizationException.Reason.LONE_SURROGATE.name());
            }
            if (t instanceof StreamReadException e
                    && e.getOriginalMessage() != null
                    && e.getOriginalMessage().startsWith("Duplicate field")) {
                String pointer = parserPointer(e);
                return refusal(
                        ApiProblem.JSON_DUPLICATE_MEMBER,
                        pointer,
                        e.getOriginalMessage() + " at JSON pointer '" + pointer + "'",
                        null);
            }
            if (t instanceof StreamReadException e) {
                return refusal(
                        ApiProblem.BAD_REQUEST, parserPointer(e), "malformed JSON: " + e.getOriginalMessage(), null);
            }
        }
        // nothing more specific in the chain: the outermost read error says best where
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MismatchedInputException e) {
                String pointer = pointer(e.getPath());
                return refusal(
                        ApiProblem.BAD_REQUEST,
                        pointer,
                        "unexpected JSON at JSON pointer '" + pointer + "': " + e.getOriginalMessage(),
                        null);
            }
            if (t instanceof JsonMappingException e) {
                String pointer = pointer(e.getPath());
                return refusal(
                        ApiProblem.BAD_REQUEST,
                        pointer,
                        "unreadable JSON at JSON pointer '" + pointer + "': " + e.getOriginalMessage(),
                        null);
            }
        }
        return new ApiException(
                ApiProblem.BAD_REQUEST,
                "unreadable request body" + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    }

    private static ApiException refusal(ApiProblem problem, String pointer, String detail, String reason) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (pointer != null) {
            properties.put("pointer", pointer);
        }
        if (reason != null) {
            properties.put("reason", reason);
        }
        return new ApiException(problem, detail, properties);
    }

    private static String parserPointer(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonParser parser
                ? parser.getParsingContext().pathAsPointer().toString()
                : null;
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            pointer.append('/');
            pointer.append(
                    step.getFieldName() != null
                            ? step.getFieldName().replace("~", "~0").replace("/", "~1")
                            : Integer.toString(step.getIndex()));
        }
        return pointer.toString();
    }

    /** The JSON pointer of the value the parser is at (for a container: the container itself). */
    private static String valuePointer(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
            context = context.getParent();
        }
        return context.pathAsPointer().toString();
    }

    /** A tree (a record, a payload): read exactly, then refused unless its canonical form keeps every value. */
    private static final class CanonicalTree extends StdScalarDeserializer<JsonNode> {

        CanonicalTree() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String at = valuePointer(p);
            JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(p, context);
            try {
                JsonCanonicalizer.canonicalizeExact(tree);
            } catch (CanonicalizationException e) {
                throw new NotCanonicalizable(p, at + (e.pointer() == null ? "" : e.pointer()), e);
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return null;
        }
    }

    /** A string member: refused if it holds a lone surrogate, which has no UTF-8 (nor canonical) form. */
    private static final class CanonicalString extends StdScalarDeserializer<String> {

        CanonicalString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String at = valuePointer(p);
            String value = StringDeserializer.instance.deserialize(p, context);
            if (value != null) {
                try {
                    JsonCanonicalizer.canonicalize(TextNode.valueOf(value));
                } catch (CanonicalizationException e) {
                    throw new NotCanonicalizable(p, at, e);
                }
            }
            return value;
        }
    }

    /** A value without a canonical form, where it lies in the whole document. */
    private static final class NotCanonicalizable extends JsonMappingException {

        private final String pointer;
        private final transient CanonicalizationException refusal;

        NotCanonicalizable(JsonParser parser, String pointer, CanonicalizationException refusal) {
            super(parser, refusal.getMessage() + " (in the request at JSON pointer '" + pointer + "')", refusal);
            this.pointer = pointer;
            this.refusal = refusal;
        }
    }
}
