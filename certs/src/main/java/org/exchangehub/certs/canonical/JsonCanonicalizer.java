package org.exchangehub.certs.canonical;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 8785 (JCS) canonical form of JSON: the same data gives the same bytes whatever the key order, whitespace,
 * escapes or number spelling of the input, so that its digest and signature can be checked by anyone.
 */
public final class JsonCanonicalizer {

    // Strict by default in Jackson: no comments, NaN, leading zeros, trailing commas or raw control characters.
    private static final ObjectMapper STRICT_READER = JsonMapper.builder()
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
        try {
            tree = STRICT_READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CanonicalizationException(
                    "malformed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new CanonicalizationException("malformed JSON: the input holds no JSON value");
        }
        return canonicalize(tree);
    }

    /**
     * Canonical form of a Jackson tree, as UTF-8 bytes. Numbers are taken as IEEE 754 doubles, as RFC 8785 requires:
     * integers beyond 2^53 and long decimals lose precision exactly as they would in JavaScript.
     *
     * @throws CanonicalizationException for NaN, Infinity, lone surrogates and nodes that are not JSON (binary, POJO)
     */
    public static byte[] canonicalize(JsonNode node) {
        StringBuilder out = new StringBuilder();
        new CanonicalWriter(out).write(node);
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
            throw new CanonicalizationException("input is not valid UTF-8: " + result.length()
                    + " undecodable byte(s) at byte offset " + in.position());
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
