package org.exchangehub.adapters.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.exchangehub.adapters.demo.DemoCity.Building;
import org.exchangehub.adapters.demo.DemoCity.Project;
import org.exchangehub.adapters.demo.DemoCity.Unit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DemoCityLoaderTests {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCityLoaderTests.class);

    private static final DemoSettings SMALL = new DemoSettings(11, 2, 5, 17, 1_234, 60, 1, 0);

    private final DataSource database = FrontendDatabase.create();
    private final DemoCityLoader loader = new DemoCityLoader(database);

    @Test
    void writesEveryProjectBuildingAndUnitInTheCitysOrder() throws SQLException {
        DemoCity city = DemoCity.generate(SMALL);

        assertThat(loader.load(city)).isTrue();

        assertThat(column("SELECT XMBH FROM EXCH_PROJECT ORDER BY XH"))
                .isEqualTo(city.projects().stream().map(Project::projectId).toList());
        assertThat(column("SELECT LDBH FROM EXCH_BUILDING ORDER BY XH"))
                .isEqualTo(city.buildings().stream().map(Building::buildingId).toList());
        assertThat(column("SELECT FWBM FROM EXCH_UNIT ORDER BY XH"))
                .isEqualTo(city.units().stream().map(Unit::houseCode).toList());
    }

    @Test
    void writesTheNativeColumnsOfEachRow() throws SQLException {
        DemoCity city = DemoCity.generate(SMALL);
        loader.load(city);
        Project project = city.projects().get(0);
        Building building = city.buildings().get(0);
        Unit unit = city.units().get(0);

        assertThat(FrontendDatabase.rows(
                        database,
                        "SELECT XMMC, KFQY, XZQ, XMDZ, YSXKZH, LDS, PZRQ FROM EXCH_PROJECT WHERE XMBH = ?",
                        project.projectId()))
                .containsExactly(Map.of(
                        "XMMC", project.name(),
                        "KFQY", project.developer(),
                        "XZQ", project.district(),
                        "XMDZ", project.address(),
                        "YSXKZH", project.presalePermit(),
                        "LDS", project.totalBuildings(),
                        "PZRQ", java.sql.Date.valueOf(project.approvedAt())));
        assertThat(FrontendDatabase.rows(
                        database,
                        "SELECT XMBH, LDMC, ZCS, HS FROM EXCH_BUILDING WHERE LDBH = ?",
                        building.buildingId()))
                .containsExactly(Map.of(
                        "XMBH", building.projectId(),
                        "LDMC", building.name(),
                        "ZCS", building.floors(),
                        "HS", building.unitCount()));
        assertThat(FrontendDatabase.rows(
                        database,
                        "SELECT LDBH, XMBH, SZC, FH, JZMJ, TNMJ, FWYT, XSZT, BAJG FROM EXCH_UNIT WHERE FWBM = ?",
                        unit.houseCode()))
                .containsExactly(Map.of(
                        "LDBH", unit.buildingId(),
                        "XMBH", unit.projectId(),
                        "SZC", unit.floor(),
                        "FH", unit.room(),
                        "JZMJ", unit.buildingArea(),
                        "TNMJ", unit.innerArea(),
                        "FWYT", unit.use(),
                        "XSZT", unit.saleStatus(),
                        "BAJG", unit.listedPrice()));
    }

    @Test
    void leavesTheProcessingColumnsToTheHub() throws SQLException {
        loader.load(DemoCity.generate(SMALL));

        for (String table : List.of("EXCH_PROJECT", "EXCH_BUILDING", "EXCH_UNIT")) {
            assertThat(FrontendDatabase.count(
                            database,
                            "SELECT COUNT(*) FROM " + table + " WHERE CLZT <> 'NEW' OR CLJG IS NOT NULL"
                                    + " OR HZBH IS NOT NULL OR BBH IS NOT NULL OR CLSJ IS NOT NULL"))
                    .as(table)
                    .isZero();
        }
    }

    @Test
    void aSecondLoadOfTheSameCityAddsNothing() throws SQLException {
        DemoCity city = DemoCity.generate(SMALL);
        loader.load(city);

        boolean loadedAgain = new DemoCityLoader(database).load(DemoCity.generate(SMALL));

        assertThat(loadedAgain).isFalse();
        assertThat(counts()).containsExactly(5L, 17L, 1_234L);
    }

    @Test
    void aFailedLoadLeavesNoHalfCity() {
        DemoCity city = DemoCity.generate(SMALL);
        List<Unit> units = new ArrayList<>(city.units());
        Unit last = units.remove(units.size() - 1);
        // FH is VARCHAR(32): the last unit cannot be written, after every project and building was.
        units.add(new Unit(
                last.houseCode(),
                last.buildingId(),
                last.projectId(),
                last.floor(),
                "9".repeat(33),
                last.buildingArea(),
                last.innerArea(),
                last.use(),
                last.saleStatus(),
                last.listedPrice()));
        DemoCity broken = new DemoCity(city.districts(), city.projects(), city.buildings(), units);

        assertThatExceptionOfType(SQLException.class).isThrownBy(() -> loader.load(broken));
        assertThat(counts()).containsExactly(0L, 0L, 0L);
    }

    @Test
    void loadsTheDefault20000UnitsInBatches() throws SQLException {
        DemoCity city = DemoCity.generate(DemoSettings.defaults());

        long started = System.nanoTime();
        boolean loaded = loader.load(city);
        long millis = (System.nanoTime() - started) / 1_000_000;

        LOG.info(
                "Loaded the default demo city ({} units) into H2 in {} ms",
                city.units().size(),
                millis);
        assertThat(loaded).isTrue();
        assertThat(counts()).containsExactly(30L, 200L, 20_000L);
        assertThat(FrontendDatabase.count(database, "SELECT SUM(JZMJ) FROM EXCH_UNIT"))
                .isEqualTo(city.units().stream()
                        .map(Unit::buildingArea)
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .longValue());
        assertThat(FrontendDatabase.rows(database, "SELECT MAX(RKSJ) AS LAST FROM EXCH_UNIT")
                        .get(0)
                        .get("LAST"))
                .isInstanceOf(Timestamp.class);
    }

    private List<Long> counts() {
        return List.of(
                FrontendDatabase.count(database, "SELECT COUNT(*) FROM EXCH_PROJECT"),
                FrontendDatabase.count(database, "SELECT COUNT(*) FROM EXCH_BUILDING"),
                FrontendDatabase.count(database, "SELECT COUNT(*) FROM EXCH_UNIT"));
    }

    private List<Object> column(String sql) {
        return FrontendDatabase.rows(database, sql).stream()
                .map(row -> row.values().iterator().next())
                .toList();
    }
}
