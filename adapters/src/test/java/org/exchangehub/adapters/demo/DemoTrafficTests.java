package org.exchangehub.adapters.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoTrafficTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2026-11-23 10:00 in 宁, where the bureau signs. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    /** 300 units, filed 3 ticks after signing, one in five cancelled: every rule is exercised in 200 ticks. */
    private static final DemoSettings BUSY = new DemoSettings(7, 2, 4, 10, 300, 60, 3, 0.2);

    private static final String CONTRACTS = "SELECT XH, HTBH, FWBM, MSRXX, CMR, CMRZJHM, HTJE, HTMJ, QYRQ, HTZT, CXRQ"
            + " FROM EXCH_CONTRACT ORDER BY XH";

    private static DataSource cityDatabase(DemoSettings settings) throws SQLException {
        DataSource database = FrontendDatabase.create();
        new DemoCityLoader(database).load(DemoCity.generate(settings));
        return database;
    }

    private static void tick(DemoTraffic traffic, int times) throws SQLException {
        for (int i = 0; i < times; i++) {
            traffic.tick();
        }
    }

    @Nested
    class Business {

        @Test
        void signsFilesAndCancelsContractsAsTicksGoBy() throws SQLException {
            DataSource database = cityDatabase(BUSY);

            tick(new DemoTraffic(database, BUSY, CLOCK), 200);

            assertThat(count(database, "SELECT COUNT(DISTINCT HTBH) FROM EXCH_CONTRACT"))
                    .isEqualTo(200);
            assertThat(count(database, "SELECT COUNT(*) FROM EXCH_CONTRACT WHERE HTZT = '已签约'"))
                    .isEqualTo(200);
            assertThat(count(database, "SELECT COUNT(*) FROM EXCH_CONTRACT WHERE HTZT = '已撤销'"))
                    .isBetween(20L, 60L);
            assertThat(count(database, "SELECT COUNT(*) FROM EXCH_FILING WHERE BAZT = '已备案'"))
                    .isBetween(140L, 180L);
            assertThat(count(database, "SELECT COUNT(*) FROM EXCH_UNIT WHERE XSZT = '已签约'"))
                    .isEqualTo(200);
        }

        @Test
        void eachTickSignsOneContractAndSettlesItFilingAfterTicksLater() throws SQLException {
            DataSource database = cityDatabase(BUSY);
            DemoTraffic traffic = new DemoTraffic(database, BUSY, CLOCK);

            tick(traffic, 3);
            long settledAfterThree = settled(database);
            traffic.tick();

            assertThat(count(database, "SELECT COUNT(*) FROM EXCH_CONTRACT WHERE HTZT = '已签约'"))
                    .isEqualTo(4);
            assertThat(settledAfterThree).isZero();
            assertThat(settled(database)).isEqualTo(1);
        }

        @Test
        void contractsAreSignedTodayByTheDeveloperNearTheListedPriceForTheUnitsArea() throws SQLException {
            DataSource database = cityDatabase(BUSY);
            tick(new DemoTraffic(database, BUSY, CLOCK), 50);

            List<Map<String, Object>> signed = FrontendDatabase.rows(
                    database,
                    "SELECT c.HTBH, c.HTJE, c.HTMJ, c.QYRQ, c.CMR, c.CMRZJHM, c.MSRXX, u.JZMJ, u.BAJG, p.KFQY"
                            + " FROM EXCH_CONTRACT c JOIN EXCH_UNIT u ON u.FWBM = c.FWBM AND u.XSZT = '可售'"
                            + " JOIN EXCH_PROJECT p ON p.XMBH = u.XMBH WHERE c.HTZT = '已签约'"
                            + " AND u.XH = (SELECT MIN(XH) FROM EXCH_UNIT WHERE FWBM = c.FWBM)");

            assertThat(signed).hasSize(50).allSatisfy(row -> {
                assertThat((String) row.get("HTBH")).matches("HT-2026-\\d{6}").matches(DemoCityTests.ID);
                assertThat(row.get("HTMJ")).isEqualTo(row.get("JZMJ"));
                double ratio =
                        ((BigDecimal) row.get("HTJE")).doubleValue() / ((BigDecimal) row.get("BAJG")).doubleValue();
                assertThat(ratio).isBetween(0.969, 1.031);
                assertThat(row.get("QYRQ")).isEqualTo(Date.valueOf(TODAY));
                assertThat(row.get("CMR")).isEqualTo(row.get("KFQY"));
                assertThat(row.get("CMRZJHM")).isEqualTo(DemoPeople.creditCode((String) row.get("KFQY")));
                assertBuyersAreFake((String) row.get("MSRXX"));
            });
        }

        @Test
        void numbersContractsAndFilingsInOrderWithTheYearOfTheClock() throws SQLException {
            DataSource database = cityDatabase(BUSY);
            tick(new DemoTraffic(database, BUSY, CLOCK), 30);

            assertThat(column(database, "SELECT HTBH FROM EXCH_CONTRACT WHERE HTZT = '已签约' ORDER BY XH"))
                    .first()
                    .isEqualTo("HT-2026-000001");
            assertThat(column(database, "SELECT HTBH FROM EXCH_CONTRACT WHERE HTZT = '已签约' ORDER BY XH"))
                    .last()
                    .isEqualTo("HT-2026-000030");
            assertThat(column(database, "SELECT BABH FROM EXCH_FILING ORDER BY XH"))
                    .first()
                    .isEqualTo("BA-2026-000001");
            assertThat(column(database, "SELECT BARQ FROM EXCH_FILING")).containsOnly(Date.valueOf(TODAY));
            assertThat(column(database, "SELECT CXRQ FROM EXCH_CONTRACT WHERE HTZT = '已撤销'"))
                    .containsOnly(Date.valueOf(TODAY));
        }

        @Test
        void stopsSellingWhenTheCitySoldOut() throws SQLException {
            DemoSettings tiny = new DemoSettings(3, 1, 1, 1, 6, 60, 1, 0);
            DataSource database = cityDatabase(tiny);
            long forSale = count(database, "SELECT COUNT(*) FROM EXCH_UNIT WHERE XSZT = '可售'");

            tick(new DemoTraffic(database, tiny, CLOCK), 10);

            assertThat(count(database, "SELECT COUNT(*) FROM EXCH_CONTRACT")).isEqualTo(forSale);
            assertThat(count(database, "SELECT COUNT(*) FROM EXCH_FILING")).isEqualTo(forSale);
        }
    }

    @Nested
    class Rules {

        @Test
        void neverTwoActiveContractsOnAUnit() throws SQLException {
            DataSource database = cityDatabase(BUSY);
            tick(new DemoTraffic(database, BUSY, CLOCK), 300);

            assertNoUnitSoldTwice(database);
            assertThat(count(
                            database,
                            "SELECT COUNT(*) FROM (SELECT FWBM FROM EXCH_CONTRACT GROUP BY FWBM"
                                    + " HAVING COUNT(DISTINCT HTBH) > 1)"))
                    .as("units sold again after a cancellation")
                    .isPositive();
        }

        @Test
        void aCancelledContractNeverGetsAnotherVersion() throws SQLException {
            DataSource database = cityDatabase(BUSY);
            tick(new DemoTraffic(database, BUSY, CLOCK), 300);

            assertCancelledContractsAreFinal(database);
        }

        @Test
        void onlyActiveSignedContractsAreFiledOnce() throws SQLException {
            DataSource database = cityDatabase(BUSY);
            tick(new DemoTraffic(database, BUSY, CLOCK), 300);

            assertFilingsAreForActiveContracts(database);
        }

        @Test
        void eachUnitsLatestRowShowsItsContract() throws SQLException {
            DataSource database = cityDatabase(BUSY);
            tick(new DemoTraffic(database, BUSY, CLOCK), 300);

            assertUnitsFollowTheirContracts(database);
        }

        @Test
        void aNewTrafficOnTheSameDatabaseGoesOnWithoutBreakingARule() throws SQLException {
            DataSource database = cityDatabase(BUSY);
            tick(new DemoTraffic(database, BUSY, CLOCK), 100);
            Set<Object> awaitingAtRestart = new HashSet<>(column(
                    database,
                    "SELECT HTBH FROM EXCH_CONTRACT c WHERE NOT EXISTS (SELECT 1 FROM EXCH_FILING f WHERE f.HTBH = c.HTBH)"
                            + " GROUP BY HTBH HAVING COUNT(*) = 1"));

            tick(new DemoTraffic(database, BUSY, CLOCK), 150);

            assertThat(awaitingAtRestart).isNotEmpty();
            assertThat(column(
                            database,
                            "SELECT HTBH FROM EXCH_CONTRACT WHERE HTZT = '已撤销'"
                                    + " UNION SELECT HTBH FROM EXCH_FILING"))
                    .as("contracts signed before the restart are settled after it")
                    .containsAll(awaitingAtRestart);
            assertThat(column(database, "SELECT HTBH FROM EXCH_CONTRACT WHERE HTZT = '已签约' ORDER BY XH"))
                    .hasSize(250)
                    .doesNotHaveDuplicates()
                    .last()
                    .isEqualTo("HT-2026-000250");
            assertThat(column(database, "SELECT BABH FROM EXCH_FILING")).doesNotHaveDuplicates();
            assertNoUnitSoldTwice(database);
            assertCancelledContractsAreFinal(database);
            assertFilingsAreForActiveContracts(database);
            assertUnitsFollowTheirContracts(database);
        }
    }

    @Nested
    class Seed {

        @Test
        void sameSeedAndClockGiveTheSameTraffic() throws SQLException {
            assertThat(contractsAfter(BUSY, 60)).isEqualTo(contractsAfter(BUSY, 60));
        }

        @Test
        void anotherSeedGivesOtherTraffic() throws SQLException {
            assertThat(contractsAfter(BUSY, 60)).isNotEqualTo(contractsAfter(BUSY.withSeed(8), 60));
        }

        private List<Map<String, Object>> contractsAfter(DemoSettings settings, int ticks) throws SQLException {
            DataSource database = cityDatabase(settings);
            tick(new DemoTraffic(database, settings, CLOCK), ticks);
            List<Map<String, Object>> rows = FrontendDatabase.rows(database, CONTRACTS);
            rows.forEach(row -> row.remove("XH"));
            return rows;
        }
    }

    @Nested
    class Schedule {

        @Test
        void startTicksOnItsOwnDaemonThreadUntilStopped() throws SQLException {
            DemoSettings fast = new DemoSettings(7, 2, 4, 10, 300, 6_000, 3, 0.2);
            DataSource database = cityDatabase(fast);
            DemoTraffic traffic = new DemoTraffic(database, fast, CLOCK);

            traffic.start();
            try {
                awaitContracts(database, 5, Duration.ofSeconds(20));
                assertThat(trafficThreads())
                        .singleElement()
                        .satisfies(thread -> assertThat(thread.isDaemon()).isTrue());
            } finally {
                traffic.stop();
            }

            assertThat(trafficThreads()).isEmpty();
            long afterStop = count(database, "SELECT COUNT(*) FROM EXCH_CONTRACT");
            traffic.tick();
            assertThat(count(database, "SELECT COUNT(*) FROM EXCH_CONTRACT")).isGreaterThan(afterStop);
            assertNoUnitSoldTwice(database);
        }

        private static List<Thread> trafficThreads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("demo-traffic") && thread.isAlive())
                    .toList();
        }

        private static void awaitContracts(DataSource database, long atLeast, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count(database, "SELECT COUNT(*) FROM EXCH_CONTRACT WHERE HTZT = '已签约'") < atLeast) {
                if (System.nanoTime() > deadline) {
                    fail("fewer than " + atLeast + " contracts after " + timeout);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    /** Replays EXCH_CONTRACT in the order the hub reads it: a unit is sold only while no contract on it is active. */
    private static void assertNoUnitSoldTwice(DataSource database) {
        Map<String, String> activeByUnit = new HashMap<>();
        for (Map<String, Object> row : FrontendDatabase.rows(database, CONTRACTS)) {
            String contract = (String) row.get("HTBH");
            String unit = (String) row.get("FWBM");
            if (row.get("HTZT").equals("已签约")) {
                assertThat(activeByUnit.get(unit))
                        .as("active contract on %s when %s was signed", unit, contract)
                        .isNull();
                activeByUnit.put(unit, contract);
            } else {
                assertThat(row.get("HTZT")).isEqualTo("已撤销");
                assertThat(activeByUnit.remove(unit))
                        .as("cancelled %s was active", contract)
                        .isEqualTo(contract);
            }
        }
    }

    private static void assertCancelledContractsAreFinal(DataSource database) {
        Set<String> cancelled = new HashSet<>();
        for (Map<String, Object> row : FrontendDatabase.rows(database, CONTRACTS)) {
            String contract = (String) row.get("HTBH");
            assertThat(cancelled).as("a version after cancellation").doesNotContain(contract);
            if (row.get("HTZT").equals("已撤销")) {
                assertThat(row.get("CXRQ")).isNotNull();
                cancelled.add(contract);
            }
        }
        assertThat(cancelled).isNotEmpty();
    }

    private static void assertFilingsAreForActiveContracts(DataSource database) {
        List<Map<String, Object>> filings =
                FrontendDatabase.rows(database, "SELECT BABH, HTBH, FWBM, BAZT FROM EXCH_FILING ORDER BY XH");
        assertThat(filings).isNotEmpty().extracting(row -> row.get("HTBH")).doesNotHaveDuplicates();
        for (Map<String, Object> filing : filings) {
            List<Map<String, Object>> versions = FrontendDatabase.rows(
                    database, "SELECT FWBM, HTZT FROM EXCH_CONTRACT WHERE HTBH = ? ORDER BY XH", filing.get("HTBH"));
            assertThat(versions)
                    .as("versions of filed contract %s", filing.get("HTBH"))
                    .singleElement()
                    .isEqualTo(Map.of("FWBM", filing.get("FWBM"), "HTZT", "已签约"));
            assertThat((String) filing.get("BABH")).matches("BA-2026-\\d{6}");
            assertThat(filing.get("BAZT")).isEqualTo("已备案");
        }
    }

    /** A unit's latest row: 已备案 when its active contract is filed, 已签约 when not yet, else 可售 or 不可售. */
    private static void assertUnitsFollowTheirContracts(DataSource database) {
        Map<String, Object> latestStatus = new HashMap<>();
        FrontendDatabase.rows(database, "SELECT FWBM, XSZT FROM EXCH_UNIT ORDER BY XH")
                .forEach(row -> latestStatus.put((String) row.get("FWBM"), row.get("XSZT")));
        Map<String, String> activeByUnit = new HashMap<>();
        for (Map<String, Object> row : FrontendDatabase.rows(database, CONTRACTS)) {
            if (row.get("HTZT").equals("已签约")) {
                activeByUnit.put((String) row.get("FWBM"), (String) row.get("HTBH"));
            } else {
                activeByUnit.remove((String) row.get("FWBM"));
            }
        }
        Set<Object> filed = new HashSet<>(column(database, "SELECT HTBH FROM EXCH_FILING"));
        latestStatus.forEach((unit, status) -> {
            String contract = activeByUnit.get(unit);
            Object expected = contract == null ? status : filed.contains(contract) ? "已备案" : "已签约";
            assertThat(status).as(unit).isEqualTo(expected).isIn("可售", "不可售", "已签约", "已备案");
            if (contract == null) {
                assertThat(status).as(unit).isIn("可售", "不可售");
            }
        });
    }

    private static void assertBuyersAreFake(String buyersJson) {
        try {
            JsonNode buyers = JSON.readTree(buyersJson);
            assertThat(buyers.isArray()).isTrue();
            assertThat(buyers.size()).isBetween(1, 2);
            for (JsonNode buyer : buyers) {
                assertThat(buyer.fieldNames()).toIterable().containsExactly("XM", "ZJHM", "LXDH");
                assertThat(buyer.get("XM").asText()).matches("\\p{IsHan}{2,3}");
                assertThat(buyer.get("ZJHM").asText()).startsWith("99").hasSize(18);
                assertThat(buyer.get("ZJHM").asText().charAt(17))
                        .isEqualTo(
                                DemoPeopleTests.gb11643Check(buyer.get("ZJHM").asText()));
                assertThat(buyer.get("LXDH").asText()).matches("1390000\\d{4}");
            }
        } catch (IOException e) {
            throw new AssertionError("MSRXX is not JSON: " + buyersJson, e);
        }
    }

    private static long settled(DataSource database) {
        return count(database, "SELECT COUNT(*) FROM EXCH_FILING")
                + count(database, "SELECT COUNT(*) FROM EXCH_CONTRACT WHERE HTZT = '已撤销'");
    }

    private static long count(DataSource database, String sql) {
        return FrontendDatabase.count(database, sql);
    }

    private static List<Object> column(DataSource database, String sql) {
        return FrontendDatabase.rows(database, sql).stream()
                .map(row -> row.values().iterator().next())
                .toList();
    }
}
