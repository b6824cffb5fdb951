package org.exchangehub.certs.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.exchangehub.certs.canonical.CanonicalizationException.Reason;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCanonicalizerTests {

    private static String canonical(String json) {
        return new String(JsonCanonicalizer.canonicalize(json), StandardCharsets.UTF_8);
    }

    @Nested
    class Rfc8785Examples {

        @Test
        void section322ExampleGivesItsCanonicalForm() {
            String input = """
                    {
                      "numbers": [333333333.33333329, 1E30, 4.50,
                                  2e-3, 0.000000000000000000000000001],
                      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                      "literals": [null, true, false]
                    }
                    """;

            assertThat(canonical(input))
                    .isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                            + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
        }

        @Test
        void section323SortsKeysByUtf16CodeUnits() {
            String input = """
                    {
                      "\\u20ac": "Euro Sign",
                      "\\r": "Carriage Return",
                      "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                      "1": "One",
                      "\\ud83d\\ude00": "Emoji: Grinning Face",
                      "\\u0080": "Control",
                      "\\u00f6": "Latin Small Letter O With Diaeresis"
                    }
                    """;

            assertThat(canonical(input))
                    .isEqualTo(
                            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                                    + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                                    + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
        }

        @Test
        void sameDataInAnotherOrderAndLayoutGivesTheSameBytesAndDigest() {
            byte[] one = JsonCanonicalizer.canonicalize(
                    "{\"id\":\"H-1\",\"price\":1.50,\"owner\":{\"name\":\"Li\",\"share\":1e0},\"tags\":[\"a\",\"b\"]}");
            byte[] other = JsonCanonicalizer.canonicalize(
                    "{ \"tags\" : [ \"a\" , \"b\" ],\n\t\"owner\": {\"share\": 1, \"name\": \"\\u004ci\"},"
                            + " \"price\": 15e-1, \"id\": \"H-1\" }");

            assertThat(other).isEqualTo(one);
            assertThat(DigestAlgorithm.SHA_256.digest(other)).isEqualTo(DigestAlgorithm.SHA_256.digest(one));
            assertThat(new String(one, StandardCharsets.UTF_8))
                    .isEqualTo(
                            "{\"id\":\"H-1\",\"owner\":{\"name\":\"Li\",\"share\":1},\"price\":1.5,\"tags\":[\"a\",\"b\"]}");
        }
    }

    @Nested
    class Strings {

        @Test
        void escapesOnlyQuoteBackslashAndControlCharacters() {
            assertThat(canonical("[\"\\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\\u007f\\u2028/\\u00e9\"]"))
                    .isEqualTo("[\"\\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\u007f\u2028/\u00e9\"]");
        }

        @Test
        void keepsScalarValuesAndLiteralsAsTheyAre() {
            assertThat(canonical(" \"text\" ")).isEqualTo("\"text\"");
            assertThat(canonical("true")).isEqualTo("true");
            assertThat(canonical("[{},[],null]")).isEqualTo("[{},[],null]");
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"a\":1,\"a\":2}          | Duplicate field 'a'",
                    "{\"a\":1                   | malformed JSON",
                    "[1,]                       | malformed JSON",
                    "[01]                       | malformed JSON",
                    "[NaN]                      | malformed JSON",
                    "[Infinity]                 | malformed JSON",
                    "{\"a\":1} x                | malformed JSON",
                    "{\"a\":1} {}               | malformed JSON",
                    "'single'                   | malformed JSON",
                    "[1e400]                    | beyond the double range",
                    "[-1e400]                   | beyond the double range",
                    "[\"\\ud800\"]              | lone surrogate \\ud800",
                    "{\"k\":[\"x\\udc00y\"]}    | lone surrogate \\udc00",
                    "{\"\\ud83d\":1}            | lone surrogate \\ud83d"
                })
        void refusesWithTheReason(String json, String reason) {
            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(json))
                    .isInstanceOf(CanonicalizationException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(reason);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n"})
        void refusesInputWithoutAValue(String json) {
            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(json))
                    .isInstanceOf(CanonicalizationException.class)
                    .hasMessageContaining("holds no JSON value");
        }

        @Test
        void saysWhereAMalformedDocumentBreaks() {
            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize("{\n  \"a\": tru\n}"))
                    .isInstanceOf(CanonicalizationException.class)
                    .hasMessageContaining("line 2");
        }

        @Test
        void pointsAtTheOffendingValue() {
            assertThatThrownBy(() ->
                            JsonCanonicalizer.canonicalize("{\"records\":[{\"note\":\"ok\"},{\"n/te\":\"\\udfff\"}]}"))
                    .hasMessageContaining("'/records/1/n~1te'");
        }

        @Test
        void refusesBytesThatAreNotUtf8() {
            byte[] latin1 = {'[', '"', (byte) 0xe9, '"', ']'};
            byte[] encodedSurrogate = {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'};

            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(latin1))
                    .isInstanceOf(CanonicalizationException.class)
                    .hasMessageContaining("not valid UTF-8")
                    .hasMessageContaining("byte offset 2");
            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(encodedSurrogate))
                    .hasMessageContaining("not valid UTF-8");
        }
    }

    @Nested
    class TypedRefusals {

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"a\":{\"b\":1,\"b\":2}}     | DUPLICATE_MEMBER    | /a/b",
                    "[1e400]                        | NUMBER_OUT_OF_RANGE | /0",
                    "{\"s\":[\"\\ud800\"]}          | LONE_SURROGATE      | /s/0",
                    "{\"a\":tru}                    | MALFORMED           | /a"
                })
        void nameTheReasonAndThePointer(String json, Reason reason, String pointer) {
            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(json))
                    .isInstanceOfSatisfying(CanonicalizationException.class, e -> {
                        assertThat(e.reason()).isEqualTo(reason);
                        assertThat(e.pointer()).isEqualTo(pointer);
                    });
        }

        @Test
        void refuseTextNestedBeyondTheLimit() {
            String deep = "[".repeat(JsonLimits.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonLimits.MAX_NESTING_DEPTH + 1);

            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(deep))
                    .isInstanceOfSatisfying(
                            CanonicalizationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
        }

        @Test
        void refuseATreeNestedBeyondTheLimitInsteadOfOverflowingTheStack() {
            ArrayNode root = JsonNodeFactory.instance.arrayNode();
            ArrayNode at = root;
            for (int i = 0; i < 100_000; i++) {
                at = at.addArray();
            }

            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(root))
                    .isInstanceOfSatisfying(
                            CanonicalizationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
        }
    }

    @Nested
    class ExactNumbers {

        private final JsonNodeFactory nodes = JsonNodeFactory.instance;

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"9007199254740993", "333333333.33333329", "1e-400", "0.12345678901234567890"})
        void refuseANumberTheirDoubleWouldChange(String number) {
            ObjectNode tree = nodes.objectNode();
            tree.putArray("n").add(new BigDecimal(number));

            assertThatThrownBy(() -> JsonCanonicalizer.canonicalizeExact(tree))
                    .isInstanceOfSatisfying(CanonicalizationException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.NUMBER_NOT_EXACT);
                        assertThat(e.pointer()).isEqualTo("/n/0");
                    });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0.1", "1E30", "4.50", "2e-3", "9007199254740992", "-0", "123456.789"})
        void keepNumbersWhoseCanonicalFormHasTheSameValue(String number) {
            ObjectNode tree = nodes.objectNode().put("n", new BigDecimal(number));

            assertThat(JsonCanonicalizer.canonicalizeExact(tree)).isEqualTo(JsonCanonicalizer.canonicalize(tree));
        }

        @Test
        void refuseALongBeyondTwoToThe53() {
            ObjectNode tree = nodes.objectNode().put("n", 9007199254740993L);

            assertThatThrownBy(() -> JsonCanonicalizer.canonicalizeExact(tree))
                    .hasMessageContaining("9007199254740992");
        }
    }

    @Nested
    class JacksonTrees {

        private final JsonNodeFactory nodes = JsonNodeFactory.instance;

        @Test
        void canonicalizesATreeLikeTheTextItCameFrom() throws Exception {
            String json = "{\"b\":[1.0,2.5e3,-0.0],\"a\":{\"z\":null,\"y\":\"\\u20ac\"}}";
            JsonNode tree = new ObjectMapper().readTree(json);

            assertThat(JsonCanonicalizer.canonicalize(tree)).isEqualTo(JsonCanonicalizer.canonicalize(json));
            assertThat(new String(JsonCanonicalizer.canonicalize(tree), StandardCharsets.UTF_8))
                    .isEqualTo("{\"a\":{\"y\":\"€\",\"z\":null},\"b\":[1,2500,0]}");
        }

        @Test
        void takesEveryNumberAsADouble() {
            ObjectNode tree = nodes.objectNode()
                    .put("big", new BigInteger("295147905179352825856"))
                    .put("decimal", new BigDecimal("333333333.33333329"))
                    .put("long", 9007199254740993L)
                    .put("float", 0.5f);

            assertThat(new String(JsonCanonicalizer.canonicalize(tree), StandardCharsets.UTF_8))
                    .isEqualTo("{\"big\":295147905179352830000,\"decimal\":333333333.3333333,"
                            + "\"float\":0.5,\"long\":9007199254740992}");
        }

        @Test
        void refusesNanInATree() {
            ObjectNode tree = nodes.objectNode();
            tree.putArray("values").add(1).add(Double.NaN);

            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(tree))
                    .isInstanceOf(CanonicalizationException.class)
                    .hasMessageContaining("NaN")
                    .hasMessageContaining("'/values/1'");
        }

        @Test
        void refusesNodesThatAreNotJson() {
            ObjectNode tree = nodes.objectNode();
            tree.put("blob", new byte[] {1, 2});
            tree.putPOJO("thing", new Object());

            assertThatThrownBy(() -> JsonCanonicalizer.canonicalize(tree))
                    .isInstanceOf(CanonicalizationException.class)
                    .hasMessageContaining("BINARY node has no JSON form")
                    .hasMessageContaining("'/blob'");
        }
    }
}
