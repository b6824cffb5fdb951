package org.exchangehub.hub.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordSchemasTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID_NUMBER_PATTERN =
            "^[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]$";

    private static RecordSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = new RecordSchemas();
    }

    /** The valid example of a type, {@code records/<type>.json}, as a fresh tree to change. */
    static ObjectNode example(RecordType type) {
        String resource = "/records/" + type.name().toLowerCase(Locale.ROOT) + ".json";
        try (InputStream in = RecordSchemasTests.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private static List<String> violations(RecordType type, JsonNode payload) {
        return schemas.violations(type, payload);
    }

    private static ObjectNode firstBuyer(ObjectNode contract) {
        return (ObjectNode) contract.get("buyers").get(0);
    }

    @Nested
    class Examples {

        @ParameterizedTest
        @EnumSource(RecordType.class)
        void acceptsTheExampleOfEachType(RecordType type) {
            assertThat(violations(type, example(type))).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(RecordType.class)
        void exampleCarriesItsKeyField(RecordType type) {
            assertThat(example(type).path(type.keyField()).asText()).isNotBlank();
        }

        @Test
        void acceptsAContractWithoutOptionalFields() {
            ObjectNode contract = example(RecordType.CONTRACT);
            ((ObjectNode) contract.get("buyers").get(0)).remove("phone");
            assertThat(violations(RecordType.CONTRACT, contract)).isEmpty();
        }

        @Test
        void acceptsACancelledContractWithItsDate() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("status", "CANCELLED").put("cancelledDate", "2026-04-30");
            assertThat(violations(RecordType.CONTRACT, contract)).isEmpty();
        }

        @Test
        void acceptsUnitOnABasementFloorWithoutInnerArea() {
            ObjectNode unit = example(RecordType.UNIT);
            unit.put("floor", -2).put("use", "PARKING").remove("innerArea");
            assertThat(violations(RecordType.UNIT, unit)).isEmpty();
        }
    }

    @Nested
    class MissingAndUnknownFields {

        @Test
        void reportsMissingRequiredFieldAtItsPointer() {
            ObjectNode contract = example(RecordType.CONTRACT);
            ((ObjectNode) contract.get("seller")).remove("creditCode");
            contract.remove("price");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/price: is required", "/seller/creditCode: is required");
        }

        @Test
        void reportsCancelledContractWithoutCancelledDate() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("status", "CANCELLED");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/cancelledDate: is required when status is CANCELLED");
        }

        @Test
        void reportsChangedContractWithoutReason() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("status", "CHANGED");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/changeReason: is required when status is CHANGED");
        }

        @Test
        void reportsRejectedRegistrationWithoutReason() {
            ObjectNode registration = example(RecordType.REGISTRATION);
            registration.put("result", "REJECTED");

            assertThat(violations(RecordType.REGISTRATION, registration))
                    .containsExactly("/rejectReason: is required when result is REJECTED");
        }

        @Test
        void reportsUnknownFieldNamingTheKnownOnes() {
            ObjectNode filing = example(RecordType.FILING);
            filing.put("filingNumber", "BA-1");

            assertThat(violations(RecordType.FILING, filing))
                    .containsExactly("/filingNumber: is not a known field; known here: "
                            + "filingNo, contractNo, houseCode, filedDate, status");
        }

        @Test
        void reportsUnknownFieldInsideAnArrayItem() {
            ObjectNode contract = example(RecordType.CONTRACT);
            ((ObjectNode) contract.get("buyers").get(1)).put("age", 34);

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/buyers/1/age: is not a known field; known here: name, idNumber, phone");
        }

        @Test
        void escapesSlashAndTildeInReportedFieldNames() {
            ObjectNode building = example(RecordType.BUILDING);
            building.put("a/b~c", 1);

            assertThat(violations(RecordType.BUILDING, building))
                    .singleElement()
                    .asString()
                    .startsWith("/a~1b~0c:");
        }
    }

    @Nested
    class WrongValues {

        @Test
        void reportsWrongType() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("price", "3456789.12");
            firstBuyer(contract).put("name", 7);

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly(
                            "/buyers/0/name: must be a string, got an integer",
                            "/price: must be a number, got a string");
        }

        @Test
        void reportsFractionWhereAnIntegerIsExpected() {
            ObjectNode building = example(RecordType.BUILDING);
            building.put("floors", 12.5);

            assertThat(violations(RecordType.BUILDING, building))
                    .containsExactly("/floors: must be an integer, got a number");
        }

        @Test
        void reportsPayloadThatIsNoObject() {
            assertThat(violations(RecordType.UNIT, JSON.createArrayNode()))
                    .containsExactly("(payload): must be an object, got an array");
            assertThat(violations(RecordType.UNIT, null)).containsExactly("(payload): must be an object, got null");
        }

        @Test
        void reportsIdNumberNotMatchingItsPatternWithoutQuotingIt() {
            ObjectNode contract = example(RecordType.CONTRACT);
            firstBuyer(contract).put("idNumber", "99010119900101123");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/buyers/0/idNumber: does not match the 身份证号 pattern " + ID_NUMBER_PATTERN);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "99010119900101123x", // check character must be a capital X
                    "990101199013011234", // month 13
                    "990101189001011234", // born 1890
                    "09010119900101123X", // region code starts with 0
                    "99010119900101123X0" // 19 characters
                })
        void refusesMalformedIdNumbers(String idNumber) {
            ObjectNode tax = example(RecordType.TAX_CLEARANCE);
            ((ObjectNode) tax.get("taxpayer")).put("idNumber", idNumber);

            assertThat(violations(RecordType.TAX_CLEARANCE, tax))
                    .singleElement()
                    .asString()
                    .startsWith("/taxpayer/idNumber: does not match the 身份证号 pattern")
                    .doesNotContain(idNumber);
        }

        @Test
        void refusesPhoneThatIsNoMobileNumber() {
            ObjectNode contract = example(RecordType.CONTRACT);
            firstBuyer(contract).put("phone", "025-8888888");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/buyers/0/phone: does not match the 手机号 pattern ^1[3-9][0-9]{9}$");
        }

        @Test
        void refusesCreditCodeWithLettersTheStandardExcludes() {
            ObjectNode contract = example(RecordType.CONTRACT);
            ((ObjectNode) contract.get("seller")).put("creditCode", "91320105MA1WKD0NIO");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .singleElement()
                    .asString()
                    .startsWith("/seller/creditCode: does not match the 统一社会信用代码 pattern");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-HT-1", "HT 2026", "HT_2026", "合同2026"})
        void refusesIdsWithOtherThanLettersDigitsAndHyphens(String contractNo) {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("contractNo", contractNo);

            assertThat(violations(RecordType.CONTRACT, contract))
                    .singleElement()
                    .asString()
                    .startsWith("/contractNo: does not match the 合同编号 pattern");
        }

        @Test
        void acceptsIdsOfUpTo64Characters() {
            ObjectNode unit = example(RecordType.UNIT);

            unit.put("houseCode", "H".repeat(64));
            assertThat(violations(RecordType.UNIT, unit)).isEmpty();

            unit.put("houseCode", "H".repeat(65));
            assertThat(violations(RecordType.UNIT, unit)).hasSize(1);
        }

        @Test
        void reportsValueOutsideTheEnumeration() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("status", "DONE");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/status: must be one of SIGNED, CHANGED, CANCELLED, got \"DONE\"");
        }

        @Test
        void reportsEnumeratedValuesCaseSensitively() {
            ObjectNode unit = example(RecordType.UNIT);
            unit.put("use", "residential");

            assertThat(violations(RecordType.UNIT, unit))
                    .containsExactly(
                            "/use: must be one of RESIDENTIAL, COMMERCIAL, OFFICE, PARKING, OTHER, got \"residential\"");
        }

        @Test
        void reportsEmptyBuyers() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.putArray("buyers");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/buyers: must have at least 1 item, got 0");
        }

        @Test
        void reportsMoreThanTenBuyers() {
            ObjectNode contract = example(RecordType.CONTRACT);
            ArrayNode buyers = (ArrayNode) contract.get("buyers");
            while (buyers.size() < 11) {
                buyers.add(buyers.get(0).deepCopy());
            }

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/buyers: must have at most 10 items, got 11");
        }

        @Test
        void reportsBlankName() {
            ObjectNode registration = example(RecordType.REGISTRATION);
            ((ObjectNode) registration.get("owners").get(1)).put("name", "");

            assertThat(violations(RecordType.REGISTRATION, registration))
                    .containsExactly("/owners/1/name: must not be empty");
        }
    }

    @Nested
    class Dates {

        @Test
        void reportsDateThatIsNotInTheCalendar() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("signedDate", "2026-02-30");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/signedDate: is not a real calendar date, got \"2026-02-30\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026/01/01", "20260101", "2026-1-1", "2026-01-01T00:00:00Z", "01/02/2026"})
        void reportsDateInAnyOtherNotation(String date) {
            ObjectNode filing = example(RecordType.FILING);
            filing.put("filedDate", date);

            assertThat(violations(RecordType.FILING, filing))
                    .containsExactly("/filedDate: must be a date as yyyy-MM-dd, got \"" + date + "\"");
        }

        @Test
        void acceptsLeapDay() {
            ObjectNode filing = example(RecordType.FILING);
            filing.put("filedDate", "2028-02-29");

            assertThat(violations(RecordType.FILING, filing)).isEmpty();
        }
    }

    @Nested
    class Amounts {

        @Test
        void reportsNegativePrice() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("price", -1);

            assertThat(violations(RecordType.CONTRACT, contract)).containsExactly("/price: must be >= 0, got -1");
        }

        @Test
        void reportsPriceWithMoreThanTwoDecimals() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("price", 3456789.123);

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/price: must have at most 2 decimals, got 3456789.123");
        }

        /** Values whose remainder by 0.01 is not 0 in binary floating point: the check must be decimal. */
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "0.07",
                    "0.29",
                    "1.1",
                    "4.35",
                    "19.99",
                    "0.01",
                    "1234567.89",
                    "3456789.12",
                    "99999999999.99",
                    "1e2"
                })
        void acceptsAnyAmountWithTwoDecimalsParsedAsDouble(String amount) throws IOException {
            assertThat(violations(RecordType.UNIT, unitListedAt(amount, JSON))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.07", "1.10", "99999999999.99", "5E+1"})
        void acceptsAnyAmountWithTwoDecimalsParsedAsBigDecimal(String amount) throws IOException {
            ObjectMapper decimals = JsonMapper.builder()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .build();
            assertThat(violations(RecordType.UNIT, unitListedAt(amount, decimals)))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.001", "19.999", "1234567.891", "0.015"})
        void refusesAmountsWithThreeDecimals(String amount) throws IOException {
            assertThat(violations(RecordType.UNIT, unitListedAt(amount, JSON)))
                    .containsExactly("/listedPrice: must have at most 2 decimals, got " + amount);
        }

        private static JsonNode unitListedAt(String amount, ObjectMapper mapper) throws IOException {
            String unit = example(RecordType.UNIT).toString();
            return mapper.readTree(unit.replace("\"listedPrice\":3456789.12", "\"listedPrice\":" + amount));
        }

        @Test
        void reportsZeroArea() {
            ObjectNode unit = example(RecordType.UNIT);
            unit.put("buildingArea", 0);

            assertThat(violations(RecordType.UNIT, unit)).containsExactly("/buildingArea: must be > 0, got 0");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "0.01255 | /taxRate: must have at most 4 decimals, got 0.01255",
                    "0.2 | /taxRate: must be <= 0.1, got 0.2"
                })
        void reportsTaxRateOutOfRange(double rate, String message) {
            ObjectNode tax = example(RecordType.TAX_CLEARANCE);
            tax.put("taxRate", rate);

            assertThat(violations(RecordType.TAX_CLEARANCE, tax)).containsExactly(message);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {"0 | /floors: must be >= 1, got 0", "201 | /floors: must be <= 200, got 201"})
        void reportsFloorsOutOf1To200(int floors, String message) {
            ObjectNode building = example(RecordType.BUILDING);
            building.put("floors", floors);

            assertThat(violations(RecordType.BUILDING, building)).containsExactly(message);
        }
    }

    @Nested
    class Reporting {

        @Test
        void reportsEveryProblemOrderedByPointer() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.remove("area");
            contract.put("status", "DONE").put("price", -0.001).put("signedDate", "2026/01/01");
            ((ObjectNode) contract.get("buyers").get(1)).put("idNumber", "1");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly(
                            "/area: is required",
                            "/buyers/1/idNumber: does not match the 身份证号 pattern " + ID_NUMBER_PATTERN,
                            "/price: must be >= 0, got -0.001",
                            "/price: must have at most 2 decimals, got -0.001",
                            "/signedDate: must be a date as yyyy-MM-dd, got \"2026/01/01\"",
                            "/status: must be one of SIGNED, CHANGED, CANCELLED, got \"DONE\"");
        }

        @Test
        void ordersTheSameWhateverTheFieldOrderOfThePayload() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("status", "DONE").put("extra", true).remove("houseCode");
            ObjectNode reversed = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            contract.fieldNames().forEachRemaining(names::add);
            for (int i = names.size() - 1; i >= 0; i--) {
                reversed.set(names.get(i), contract.get(names.get(i)));
            }

            assertThat(violations(RecordType.CONTRACT, reversed))
                    .hasSize(3)
                    .isEqualTo(violations(RecordType.CONTRACT, contract));
        }

        @Test
        void ordersArrayIndexesNumerically() {
            ObjectNode contract = example(RecordType.CONTRACT);
            ArrayNode buyers = (ArrayNode) contract.get("buyers");
            while (buyers.size() < 10) {
                buyers.add(buyers.get(0).deepCopy());
            }
            ((ObjectNode) buyers.get(2)).remove("name");
            ((ObjectNode) buyers.get(9)).remove("name");

            assertThat(violations(RecordType.CONTRACT, contract))
                    .containsExactly("/buyers/2/name: is required", "/buyers/9/name: is required");
        }

        @Test
        void answersTheSameFromManyThreads() {
            ObjectNode contract = example(RecordType.CONTRACT);
            contract.put("status", "DONE");
            List<String> expected = violations(RecordType.CONTRACT, contract);

            List<List<String>> answers = IntStream.range(0, 2_000)
                    .parallel()
                    .mapToObj(i -> violations(RecordType.CONTRACT, contract))
                    .toList();

            assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo(expected));
        }
    }

    @Nested
    class PersonalFields {

        @Test
        void listsBuyersNamesIdNumbersAndPhonesOfAContract() {
            assertThat(schemas.personalFields(RecordType.CONTRACT))
                    .containsExactly("/buyers/*/idNumber", "/buyers/*/name", "/buyers/*/phone");
            assertThat(schemas.personalFieldKinds(RecordType.CONTRACT))
                    .isEqualTo(Map.of(
                            "/buyers/*/idNumber", "idNumber", "/buyers/*/name", "name", "/buyers/*/phone", "phone"));
        }

        @Test
        void listsTaxpayerAndOwners() {
            assertThat(schemas.personalFields(RecordType.TAX_CLEARANCE))
                    .containsExactly("/taxpayer/idNumber", "/taxpayer/name");
            assertThat(schemas.personalFields(RecordType.REGISTRATION))
                    .containsExactly("/owners/*/idNumber", "/owners/*/name");
        }

        @ParameterizedTest
        @EnumSource(
                value = RecordType.class,
                names = {"PROJECT", "BUILDING", "UNIT", "FILING"})
        void listsNoneForPublicRecords(RecordType type) {
            assertThat(schemas.personalFields(type)).isEmpty();
        }

        @Test
        void personDefinitionsAgreeAcrossSchemas() throws IOException {
            JsonNode buyer = schema(RecordType.CONTRACT).at("/$defs/person/properties");
            JsonNode taxpayer = schema(RecordType.TAX_CLEARANCE).at("/$defs/taxpayer/properties");
            JsonNode owner = schema(RecordType.REGISTRATION).at("/$defs/owner/properties");

            assertThat(taxpayer.get("idNumber"))
                    .isEqualTo(buyer.get("idNumber"))
                    .isEqualTo(owner.get("idNumber"));
            assertThat(taxpayer.get("name")).isEqualTo(buyer.get("name")).isEqualTo(owner.get("name"));
        }
    }

    @Nested
    class SchemaDocuments {

        @ParameterizedTest
        @EnumSource(RecordType.class)
        void servesTheSchemaFileAsShipped(RecordType type) throws IOException {
            String resource = "/schemas/" + RecordSchemas.fileName(type);
            try (InputStream in = RecordSchemasTests.class.getResourceAsStream(resource)) {
                assertThat(schemas.schemaJson(type)).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertThat(schema(type).path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }

        @ParameterizedTest
        @EnumSource(RecordType.class)
        void everyObjectRefusesUnknownFields(RecordType type) throws IOException {
            List<String> open = new ArrayList<>();
            collectOpenObjects(schema(type), "", open);
            assertThat(open).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(RecordType.class)
        void keyFieldIsARequiredId(RecordType type) throws IOException {
            JsonNode schema = schema(type);
            assertThat(schema.get("required"))
                    .extracting(JsonNode::toString)
                    .asString()
                    .contains(type.keyField());
            assertThat(schema.at("/properties/" + type.keyField() + "/pattern").asText())
                    .isEqualTo("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$");
        }

        private static void collectOpenObjects(JsonNode schema, String at, List<String> open) {
            if ("object".equals(schema.path("type").asText())
                    && !schema.path("additionalProperties").isBoolean()) {
                open.add(at);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> child = it.next();
                if (child.getValue().isContainerNode()) {
                    collectOpenObjects(child.getValue(), at + "/" + child.getKey(), open);
                }
            }
            if (schema.isArray()) {
                for (int i = 0; i < schema.size(); i++) {
                    collectOpenObjects(schema.get(i), at + "/" + i, open);
                }
            }
        }
    }

    @Nested
    class Loading {

        @Test
        void failsWhenASchemaFileIsMissing() {
            assertThatIllegalStateException()
                    .isThrownBy(() -> new RecordSchemas("records/no-such-folder/"))
                    .withMessage("no schema for PROJECT records: class path resource "
                            + "records/no-such-folder/project.schema.json is missing");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "typo             | unknown keyword 'requird' (a typo? extension keywords start with x-)",
                    "not-a-schema     | it is not a draft 2020-12 schema",
                    "no-key           | it does not require the key field 'projectId'",
                    "unknown-personal | x-personal at /email is \"email\"; allowed:",
                    "duplicate-key    | it is not JSON: Duplicate field 'properties'",
                    "not-json         | it is not JSON:"
                })
        void failsOnAnInvalidSchemaSayingWhy(String folder, String why) {
            String prefix = "records/broken-schemas/" + folder + "/";
            assertThatIllegalStateException()
                    .isThrownBy(() -> new RecordSchemas(prefix))
                    .withMessageStartingWith("the PROJECT schema " + prefix + "project.schema.json is invalid: ")
                    .withMessageContaining(why);
        }
    }

    private static JsonNode schema(RecordType type) throws IOException {
        return JSON.readTree(schemas.schemaJson(type));
    }
}
