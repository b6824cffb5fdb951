package org.exchangehub.adapters.housing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.inbound.MappingException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HousingMappingTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rows as JDBC returns them, with the values of the hub's example records. */
    static Map<String, Object> projectRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("XH", 1L);
        row.put("XMBH", "NJ-JY-2026-0017");
        row.put("XMMC", "江岸雅苑");
        row.put("KFQY", "南京安居置业有限公司");
        row.put("XZQ", "建邺区");
        row.put("XMDZ", "南京市建邺区江东中路199号");
        row.put("YSXKZH", "宁房销第202600123号");
        row.put("LDS", 6);
        row.put("PZRQ", Date.valueOf("2026-03-18"));
        return row;
    }

    static Map<String, Object> unitRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("FWBM", "320105001017-B03-1203");
        row.put("LDBH", "NJ-JY-2026-0017-B03");
        row.put("XMBH", "NJ-JY-2026-0017");
        row.put("SZC", 12);
        row.put("FH", "1203");
        row.put("JZMJ", new BigDecimal("98.76"));
        row.put("TNMJ", new BigDecimal("79.15"));
        row.put("FWYT", "住宅");
        row.put("XSZT", "已签约");
        row.put("BAJG", new BigDecimal("3456789.12"));
        return row;
    }

    static Map<String, Object> contractRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("HTBH", "HT-2026-000123");
        row.put("FWBM", "320105001017-B03-1203");
        row.put(
                "MSRXX",
                "[{\"XM\":\"张伟\",\"ZJHM\":\"990101199001011234\",\"LXDH\":\"13900000001\"},"
                        + "{\"XM\":\"李娜\",\"ZJHM\":\"99010119920315002X\"}]");
        row.put("CMR", "南京安居置业有限公司");
        row.put("CMRZJHM", "91320105MA1WKD0N3Q");
        row.put("HTJE", new BigDecimal("3456789.12"));
        row.put("HTMJ", new BigDecimal("98.76"));
        row.put("QYRQ", Date.valueOf("2026-04-02"));
        row.put("HTZT", "已签约");
        row.put("CXRQ", null);
        row.put("BGYY", null);
        return row;
    }

    static Map<String, Object> filingRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("BABH", "BA-2026-000456");
        row.put("HTBH", "HT-2026-000123");
        row.put("FWBM", "320105001017-B03-1203");
        row.put("BARQ", Date.valueOf("2026-04-09"));
        row.put("BAZT", "已备案");
        return row;
    }

    private static String json(CanonicalRecord record) throws Exception {
        return JSON.writeValueAsString(record.payload());
    }

    @Nested
    class Project {

        @Test
        void mapsEveryColumnToTheCanonicalPayload() throws Exception {
            CanonicalRecord record = HousingMapping.PROJECT.toCanonical(projectRow());

            assertThat(record.type()).isEqualTo("PROJECT");
            assertThat(record.id()).isEqualTo("NJ-JY-2026-0017");
            assertThat(record.version()).isNull();
            assertThat(json(record))
                    .isEqualTo(
                            "{\"projectId\":\"NJ-JY-2026-0017\",\"name\":\"江岸雅苑\",\"developer\":\"南京安居置业有限公司\","
                                    + "\"district\":\"建邺区\",\"address\":\"南京市建邺区江东中路199号\","
                                    + "\"presalePermit\":\"宁房销第202600123号\",\"totalBuildings\":6,\"approvedAt\":\"2026-03-18\"}");
        }

        @Test
        void leavesAbsentOptionalColumnsOut() {
            Map<String, Object> row = projectRow();
            row.put("LDS", null);
            row.remove("PZRQ");

            assertThat(HousingMapping.PROJECT.toCanonical(row).payload().fieldNames())
                    .toIterable()
                    .doesNotContain("totalBuildings", "approvedAt");
        }

        @Test
        void refusesAMissingRequiredColumnNamingIt() {
            Map<String, Object> row = projectRow();
            row.put("KFQY", "  ");

            assertThatThrownBy(() -> HousingMapping.PROJECT.toCanonical(row))
                    .isInstanceOf(MappingException.class)
                    .hasMessage("KFQY is missing");
        }
    }

    @Nested
    class Building {

        @Test
        void mapsEveryColumnToTheCanonicalPayload() throws Exception {
            Map<String, Object> row = Map.of(
                    "LDBH", "NJ-JY-2026-0017-B03", "XMBH", "NJ-JY-2026-0017", "LDMC", "3幢", "ZCS", 26, "HS", 104);

            CanonicalRecord record = HousingMapping.BUILDING.toCanonical(row);

            assertThat(record.id()).isEqualTo("NJ-JY-2026-0017-B03");
            assertThat(json(record))
                    .isEqualTo("{\"buildingId\":\"NJ-JY-2026-0017-B03\",\"projectId\":\"NJ-JY-2026-0017\","
                            + "\"name\":\"3幢\",\"floors\":26,\"unitCount\":104}");
        }

        @Test
        void refusesAFloorCountThatIsNotAWholeNumber() {
            Map<String, Object> row = Map.of("LDBH", "B03", "XMBH", "P1", "LDMC", "3幢", "ZCS", "二十六", "HS", "104");

            assertThatThrownBy(() -> HousingMapping.BUILDING.toCanonical(row))
                    .isInstanceOf(MappingException.class)
                    .hasMessage("ZCS '二十六' is not a whole number");
        }
    }

    @Nested
    class Unit {

        @Test
        void mapsEveryColumnKeepingTheDecimalsAsWritten() throws Exception {
            CanonicalRecord record = HousingMapping.UNIT.toCanonical(unitRow());

            assertThat(record.id()).isEqualTo("320105001017-B03-1203");
            assertThat(json(record))
                    .isEqualTo("{\"houseCode\":\"320105001017-B03-1203\",\"buildingId\":\"NJ-JY-2026-0017-B03\","
                            + "\"projectId\":\"NJ-JY-2026-0017\",\"floor\":12,\"room\":\"1203\",\"buildingArea\":98.76,"
                            + "\"innerArea\":79.15,\"use\":\"RESIDENTIAL\",\"saleStatus\":\"SIGNED\","
                            + "\"listedPrice\":3456789.12}");
        }

        @Test
        void keepsTheScaleOfTextDecimalsFromAFile() throws Exception {
            Map<String, Object> row = unitRow();
            row.put("JZMJ", "98.70");
            row.put("BAJG", "1200000.00");

            assertThat(json(HousingMapping.UNIT.toCanonical(row)))
                    .contains("\"buildingArea\":98.70")
                    .contains("\"listedPrice\":1200000.00");
        }

        @Test
        void leavesAnAbsentInnerAreaOut() {
            Map<String, Object> row = unitRow();
            row.put("TNMJ", "");

            assertThat(HousingMapping.UNIT.toCanonical(row).payload().has("innerArea"))
                    .isFalse();
        }

        @ParameterizedTest
        @CsvSource({"住宅,RESIDENTIAL", "商业,COMMERCIAL", "办公,OFFICE", "车位,PARKING", "其他,OTHER"})
        void mapsEveryUse(String fwyt, String use) {
            Map<String, Object> row = unitRow();
            row.put("FWYT", fwyt);

            assertThat(HousingMapping.UNIT.toCanonical(row).payload().get("use").asText())
                    .isEqualTo(use);
        }

        @ParameterizedTest
        @CsvSource({"可售,AVAILABLE", "已预订,RESERVED", "已签约,SIGNED", "已备案,FILED", "已登记,REGISTERED", "不可售,NOT_FOR_SALE"})
        void mapsEverySaleStatus(String xszt, String saleStatus) {
            Map<String, Object> row = unitRow();
            row.put("XSZT", xszt);

            assertThat(HousingMapping.UNIT
                            .toCanonical(row)
                            .payload()
                            .get("saleStatus")
                            .asText())
                    .isEqualTo(saleStatus);
        }

        @Test
        void refusesAnUnknownUseListingTheKnownOnes() {
            Map<String, Object> row = unitRow();
            row.put("FWYT", "别墅");

            assertThatThrownBy(() -> HousingMapping.UNIT.toCanonical(row))
                    .isInstanceOf(MappingException.class)
                    .hasMessage("FWYT '别墅' is not one of 住宅, 商业, 办公, 车位, 其他");
        }

        @Test
        void refusesAnAreaThatIsNotANumber() {
            Map<String, Object> row = unitRow();
            row.put("JZMJ", "98,76");

            assertThatThrownBy(() -> HousingMapping.UNIT.toCanonical(row))
                    .isInstanceOf(MappingException.class)
                    .hasMessage("JZMJ '98,76' is not a decimal number");
        }
    }

    @Nested
    class Contract {

        @Test
        void mapsEveryColumnWithBuyersFromTheJsonColumn() throws Exception {
            CanonicalRecord record = HousingMapping.CONTRACT.toCanonical(contractRow());

            assertThat(record.id()).isEqualTo("HT-2026-000123");
            assertThat(json(record))
                    .isEqualTo(
                            "{\"contractNo\":\"HT-2026-000123\",\"houseCode\":\"320105001017-B03-1203\","
                                    + "\"buyers\":[{\"name\":\"张伟\",\"idNumber\":\"990101199001011234\",\"phone\":\"13900000001\"},"
                                    + "{\"name\":\"李娜\",\"idNumber\":\"99010119920315002X\"}],"
                                    + "\"seller\":{\"name\":\"南京安居置业有限公司\",\"creditCode\":\"91320105MA1WKD0N3Q\"},"
                                    + "\"price\":3456789.12,\"area\":98.76,\"signedDate\":\"2026-04-02\",\"status\":\"SIGNED\"}");
        }

        @Test
        void takesBuyersAsNestedRecordsFromXml() {
            Map<String, Object> row = contractRow();
            row.put("MSRXX", List.of(Map.of("XM", "王芳", "ZJHM", "990101198507070021")));

            assertThat(HousingMapping.CONTRACT
                            .toCanonical(row)
                            .payload()
                            .get("buyers")
                            .toString())
                    .isEqualTo("[{\"name\":\"王芳\",\"idNumber\":\"990101198507070021\"}]");
        }

        @Test
        void mapsACancellationWithItsDate() {
            Map<String, Object> row = contractRow();
            row.put("HTZT", "已撤销");
            row.put("CXRQ", "20260510");

            CanonicalRecord record = HousingMapping.CONTRACT.toCanonical(row);

            assertThat(record.payload().get("status").asText()).isEqualTo("CANCELLED");
            assertThat(record.payload().get("cancelledDate").asText()).isEqualTo("2026-05-10");
        }

        @Test
        void mapsAChangeWithItsReason() {
            Map<String, Object> row = contractRow();
            row.put("HTZT", "已变更");
            row.put("BGYY", "增加买受人");

            CanonicalRecord record = HousingMapping.CONTRACT.toCanonical(row);

            assertThat(record.payload().get("status").asText()).isEqualTo("CHANGED");
            assertThat(record.payload().get("changeReason").asText()).isEqualTo("增加买受人");
        }

        @Test
        void leavesAnAbsentSellerCreditCodeOutForTheHubToJudge() {
            Map<String, Object> row = contractRow();
            row.put("CMRZJHM", null);

            assertThat(HousingMapping.CONTRACT
                            .toCanonical(row)
                            .payload()
                            .get("seller")
                            .toString())
                    .isEqualTo("{\"name\":\"南京安居置业有限公司\"}");
        }

        @Test
        void refusesAnUnknownStatus() {
            Map<String, Object> row = contractRow();
            row.put("HTZT", "已作废");

            assertThatThrownBy(() -> HousingMapping.CONTRACT.toCanonical(row))
                    .isInstanceOf(MappingException.class)
                    .hasMessage("HTZT '已作废' is not one of 已签约, 已变更, 已撤销");
        }

        @Test
        void refusesBuyersThatAreNotJson() {
            Map<String, Object> row = contractRow();
            row.put("MSRXX", "张伟,990101199001011234");

            assertThatThrownBy(() -> HousingMapping.CONTRACT.toCanonical(row))
                    .isInstanceOf(MappingException.class)
                    .hasMessageStartingWith("MSRXX is not a JSON array of objects");
        }

        @Test
        void refusesABuyerWithoutIdNumber() {
            Map<String, Object> row = contractRow();
            row.put("MSRXX", "[{\"XM\":\"张伟\"}]");

            assertThatThrownBy(() -> HousingMapping.CONTRACT.toCanonical(row))
                    .isInstanceOf(MappingException.class)
                    .hasMessage("ZJHM is missing");
        }

        @Test
        void refusesADateThatIsNotACalendarDay() {
            Map<String, Object> row = contractRow();
            row.put("QYRQ", "20260230");

            assertThatThrownBy(() -> HousingMapping.CONTRACT.toCanonical(row))
                    .isInstanceOf(MappingException.class)
                    .hasMessage("QYRQ '20260230' is not a date (yyyyMMdd or yyyy-MM-dd)");
        }
    }

    @Nested
    class Filing {

        @Test
        void mapsEveryColumnToTheCanonicalPayload() throws Exception {
            CanonicalRecord record = HousingMapping.FILING.toCanonical(filingRow());

            assertThat(record.id()).isEqualTo("BA-2026-000456");
            assertThat(json(record))
                    .isEqualTo(
                            "{\"filingNo\":\"BA-2026-000456\",\"contractNo\":\"HT-2026-000123\","
                                    + "\"houseCode\":\"320105001017-B03-1203\",\"filedDate\":\"2026-04-09\",\"status\":\"FILED\"}");
        }

        @ParameterizedTest
        @CsvSource({"已备案,FILED", "已撤销,REVOKED"})
        void mapsEveryStatus(String bazt, String status) {
            Map<String, Object> row = filingRow();
            row.put("BAZT", bazt);

            assertThat(HousingMapping.FILING
                            .toCanonical(row)
                            .payload()
                            .get("status")
                            .asText())
                    .isEqualTo(status);
        }

        @Test
        void acceptsExtendedDatesFromAFile() {
            Map<String, Object> row = filingRow();
            row.put("BARQ", "2026-04-09");

            assertThat(HousingMapping.FILING
                            .toCanonical(row)
                            .payload()
                            .get("filedDate")
                            .asText())
                    .isEqualTo(LocalDate.of(2026, 4, 9).toString());
        }

        @Test
        void refusesAnUnknownStatus() {
            Map<String, Object> row = filingRow();
            row.put("BAZT", "待审核");

            assertThatThrownBy(() -> HousingMapping.FILING.toCanonical(row))
                    .isInstanceOf(MappingException.class)
                    .hasMessage("BAZT '待审核' is not one of 已备案, 已撤销");
        }
    }
}
