package org.exchangehub.certs.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.exchangehub.certs.canonical.CanonicalizationException.Reason;

/**
 * RFC 8785 (JCS) canonical form of JSON: the same data gives the same bytes whatever the key order, whitespace,
 * escapes or number spelling of the input, so that its digest and signature can be checked by anyone.
 */
public final class JsonCanonicalizer {

    // Strict by default in Jackson: no comments, NaN, leading zeros, trailing commas or raw control characters.
    private static final ObjectMapper STRICT_READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(JsonLimits.streamReadConstraints())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonCanonicalizer() {}

    /**
     * Canonical form of UTF-8 encoded JSON text.
     *
     * @throws CanonicalizationException if the bytes are not UTF-8, or for the reasons of {@link #canonicalize(String)}
     */
    public static byte[] canonicalize(byte[] utf8Json) {
        return canonicalize(decodeUtf8(utf8Json));
    }

    /**
     * Canonical form of JSON text, as UTF-8 bytes.
     *
     * @throws CanonicalizationException if the text is not one JSON value, repeats a key in an object, holds a number
     *     beyond the double range or a string with a lone surrogate
     */
    public static byte[] canonicalize(String json) {
        JsonNode tree;
        try (JsonParser parser = STRICT_READER.createParser(json)) {
            try {
                tree = STRICT_READER.readTree(parser);
            } catch (JsonProcessingException e) {
                throw refusal(e, parser);
            }
        } catch (IOException e) {
            throw new CanonicalizationException("malformed JSON: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new CanonicalizationException("malformed JSON: the input holds no JSON value");
        }
        return canonicalize(tree);
    }

    /**
     * The typed refusal for a Jackson read error, with the pointer of the value the parser was at: a duplicate member
     * names the duplicate, a limit names what exceeded it.
     */
    public static CanonicalizationException refusal(JsonProcessingException e, JsonParser parser) {
        String pointer = parser == null
                ? null
                : parser.getParsingContext().pathAsPointer().toString();
        String message = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return new CanonicalizationException(
                    Reason.LIMIT_EXCEEDED,
                    pointer,
                    "JSON beyond the hub's limits" + where(e.getLocation()) + ": " + message,
                    e);
        }
        if (e instanceof StreamReadException && message != null && message.startsWith("Duplicate field")) {
            return new CanonicalizationException(
                    Reason.DUPLICATE_MEMBER,
                    pointer,
                    "malformed JSON" + where(e.getLocation()) + ": " + message + " (at JSON pointer '" + pointer + "')",
                    e);
        }
        return new CanonicalizationException(
                Reason.MALFORMED, pointer, "malformed JSON" + where(e.getLocation()) + ": " + message, e);
    }

    /**
     * Canonical form of a Jackson tree, as UTF-8 bytes. Numbers are taken as IEEE 754 doubles, as RFC 8785 requires:
     * integers beyond 2^53 and long decimals lose precision exactly as they would in JavaScript.
     *
     * @throws CanonicalizationException for NaN, Infinity, lone surrogates and nodes that are not JSON (binary, POJO)
     */
    public static byte[] canonicalize(JsonNode node) {
        return write(node, false);
    }

    /**
     * Canonical form of a Jackson tree that keeps every number as written: like {@link #canonicalize(JsonNode)}, but a
     * number the tree holds exactly (a big decimal, big integer, long or int node, as a reader configured with {@code
     * USE_BIG_DECIMAL_FOR_FLOATS} makes) is refused when its double form has another value, e.g. {@code
     * 9007199254740993} (2^53 + 1), {@code 0.12345678901234567890} or {@code 1e-400}. RFC 8785 rounds such numbers
     * (its section 3.2.2.3); I-JSON (RFC 7493 section 2.2) warns that they are not interoperable. A notary that
     * rounded them would sign another value than the one it was sent, so the hub refuses them instead.
     *
     * @throws CanonicalizationException NUMBER_NOT_EXACT for such a number, or for the reasons of {@link
     *     #canonicalize(JsonNode)}
     */
    public static byte[] canonicalizeExact(JsonNode node) {
        return write(node, true);
    }

    private static byte[] write(JsonNode node, boolean exactNumbers) {
        StringBuilder out = new StringBuilder();
        new CanonicalWriter(out, exactNumbers).write(node);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new CanonicalizationException(
                    Reason.NOT_UTF8,
                    null,
                    "input is not valid UTF-8: " + result.length() + " undecodable byte(s) at byte offset "
                            + in.position(),
                    null);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
