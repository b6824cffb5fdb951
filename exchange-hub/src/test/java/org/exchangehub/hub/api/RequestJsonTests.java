package org.exchangehub.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.verify.VerifyRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestJsonTests {

    private static byte[] utf8(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static ApiException refusalOf(String json, Class<?> type) {
        try {
            RequestJson.read(utf8(json), type);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Nested
    class Read {

        @Test
        void readsAPublishRequestKeepingItsNumbersExactly() {
            PublishRequest request = RequestJson.read(
                    utf8("{'type':'UNIT','id':'U1','version':2,'payload':{'area':89.50,'n':[1,2.5e3]}}"),
                    PublishRequest.class);

            assertThat(request.version()).isEqualTo(2);
            assertThat(request.payload().path("area").decimalValue()).isEqualByComparingTo("89.5");
            assertThat(request.payload().path("n").get(1).decimalValue()).isEqualByComparingTo("2500");
        }

        @Test
        void readsAVerifyRequestWithAReceipt() {
            VerifyRequest request = RequestJson.read(
                    utf8("{'digest':'ab','receipt':{'receiptId':'r','status':'PENDING','record':"
                            + "{'type':'UNIT','id':'U1','version':1,'source':'housing'},"
                            + "'acceptedAt':'2026-12-03T10:00:00Z'}}"),
                    VerifyRequest.class);

            assertThat(request.receipt().record().id()).isEqualTo("U1");
        }

        @Test
        void readsATreeAsTheRecordItIs() {
            JsonNode tree = RequestJson.readTree(utf8("{'a':[1,{'b':null}]}"));

            assertThat(tree.at("/a/1").has("b")).isTrue();
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "{'type':'UNIT','type':'UNIT','payload':{}}              | JSON_DUPLICATE_MEMBER    | /type",
                    "{'type':'UNIT','payload':{'a':{'b':[{'c':1,'c':2}]}}}   | JSON_DUPLICATE_MEMBER    | /payload/a/b/0/c",
                    "{'type':'UNIT','verison':2,'payload':{}}                | JSON_UNKNOWN_MEMBER      | /verison",
                    "{'type':'UNIT','payload':{'n':1e400}}                   | JSON_NOT_CANONICALIZABLE | /payload/n",
                    "{'type':'UNIT','payload':{'n':[9007199254740993]}}      | JSON_NOT_CANONICALIZABLE | /payload/n/0",
                    "{'type':'UNIT','payload':{'n':1e-400}}                  | JSON_NOT_CANONICALIZABLE | /payload/n",
                    "{'type':'UNIT','payload':{'s':'\\ud800'}}               | JSON_NOT_CANONICALIZABLE | /payload/s",
                    "{'type':'UNIT','payload':{'\\udc00':1}}                 | JSON_NOT_CANONICALIZABLE | /payload",
                    "{'type':'UNIT','id':'a\\ud800','payload':{}}             | JSON_NOT_CANONICALIZABLE | /id",
                    "{'type':'UNIT','version':1.5,'payload':{}}              | BAD_REQUEST              | /version",
                    "{'type':'UNIT','version':'2','payload':{}}              | BAD_REQUEST              | /version",
                    "{'type':'UNIT','payload':{'n':NaN}}                     | BAD_REQUEST              | /payload/n",
                    "{'type':'UNIT','payload':{}} {}                         | BAD_REQUEST              | ''",
                })
        void namesTheProblemAndThePointer(String json, ApiProblem problem, String pointer) {
            ApiException refusal = refusalOf(json, PublishRequest.class);

            assertThat(refusal.problem()).isEqualTo(problem);
            assertThat(refusal.properties().get("pointer")).isEqualTo(pointer.equals("''") ? "" : pointer);
        }

        @Test
        void refusesADuplicateInABatchItem() {
            ApiException refusal = refusalOf(
                    "[{'type':'UNIT','payload':{}},{'type':'UNIT','payload':{'a':1,'a':1}}]", PublishRequest[].class);

            assertThat(refusal.problem()).isEqualTo(ApiProblem.JSON_DUPLICATE_MEMBER);
            assertThat(refusal.properties()).containsEntry("pointer", "/1/payload/a");
        }

        @Test
        void refusesADuplicateOrUnknownMemberInAVerifyRequestsReceipt() {
            String receipt = "'receipt':{'receiptId':'r','status':'PENDING','record':"
                    + "{'type':'UNIT','id':'U1','version':1,'source':'housing','id':'U2'}}";
            String unknown =
                    "'receipt':{'receiptId':'r','status':'PENDING','proof':{'batchId':'b','leafIndex':0,'treeSize':1,'extra':1}}";

            assertThat(refusalOf("{" + receipt + "}", VerifyRequest.class).properties())
                    .containsEntry("pointer", "/receipt/record/id");
            ApiException unknownRefusal = refusalOf("{" + unknown + "}", VerifyRequest.class);
            assertThat(unknownRefusal.problem()).isEqualTo(ApiProblem.JSON_UNKNOWN_MEMBER);
            assertThat(unknownRefusal.properties()).containsEntry("pointer", "/receipt/proof/extra");
        }

        @Test
        void refusesJsonNestedBeyondTheCanonicalizersLimit() {
            String deep = "{'type':'UNIT','payload':" + "[".repeat(200) + "]".repeat(200) + "}";

            assertThat(refusalOf(deep, PublishRequest.class).problem()).isEqualTo(ApiProblem.JSON_LIMIT_EXCEEDED);
        }

        @Test
        void refusesBytesThatAreNotUtf8() {
            byte[] latin1 = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xe9, '"', '}'};

            assertThatThrownBy(() -> RequestJson.read(latin1, PublishRequest.class))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.problem()).isEqualTo(ApiProblem.BAD_REQUEST));
        }

        @Test
        void refusesTheJsonNull() {
            assertThat(refusalOf("null", PublishRequest.class).problem()).isEqualTo(ApiProblem.BAD_REQUEST);
            assertThat(refusalOf("[]", PublishRequest.class).problem()).isEqualTo(ApiProblem.BAD_REQUEST);
            assertThat(List.of(refusalOf("", PublishRequest.class).problem())).containsExactly(ApiProblem.BAD_REQUEST);
        }
    }
}
