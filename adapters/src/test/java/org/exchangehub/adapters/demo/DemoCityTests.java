package org.exchangehub.adapters.demo;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toMap;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.exchangehub.adapters.demo.DemoCity.Building;
import org.exchangehub.adapters.demo.DemoCity.District;
import org.exchangehub.adapters.demo.DemoCity.Project;
import org.exchangehub.adapters.demo.DemoCity.Unit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoCityTests {

    /** The hub's id pattern, from its JSON schemas. */
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$");

    private static final Pattern CHINESE = Pattern.compile("[\\p{IsHan}0-9]*\\p{IsHan}[\\p{IsHan}0-9]*");

    private static final DemoCity CITY = DemoCity.generate(DemoSettings.defaults());

    @Nested
    class Size {

        @Test
        void defaultCityHas3Districts30Projects200BuildingsAnd20000Units() {
            assertThat(CITY.districts()).hasSize(3);
            assertThat(CITY.projects()).hasSize(30);
            assertThat(CITY.buildings()).hasSize(200);
            assertThat(CITY.units()).hasSize(20_000);
        }

        @ParameterizedTest
        @CsvSource({"1, 1, 1, 6", "2, 5, 13, 211", "11, 11, 40, 5000", "4, 9, 9, 3001"})
        void smallerCitiesHaveExactlyTheConfiguredCounts(int districts, int projects, int buildings, int units) {
            DemoCity city = DemoCity.generate(new DemoSettings(42, districts, projects, buildings, units, 60, 1, 0));

            assertThat(city.districts()).hasSize(districts);
            assertThat(city.projects()).hasSize(projects);
            assertThat(city.buildings()).hasSize(buildings);
            assertThat(city.units()).hasSize(units);
            assertThat(city.projects()).extracting(Project::district).containsAll(districtNames(city));
        }

        @Test
        void eachBuildingCountsItsUnitsAndEachProjectItsBuildings() {
            Map<String, Long> unitsPerBuilding =
                    CITY.units().stream().collect(groupingBy(Unit::buildingId, counting()));
            Map<String, Long> buildingsPerProject =
                    CITY.buildings().stream().collect(groupingBy(Building::projectId, counting()));

            assertThat(CITY.buildings())
                    .allSatisfy(building -> assertThat(unitsPerBuilding.get(building.buildingId()))
                            .isEqualTo(building.unitCount()));
            assertThat(CITY.projects())
                    .allSatisfy(project -> assertThat(buildingsPerProject.get(project.projectId()))
                            .isEqualTo(project.totalBuildings()));
        }
    }

    @Nested
    class Seed {

        @Test
        void sameSeedGivesAnIdenticalCity() {
            assertThat(DemoCity.generate(DemoSettings.defaults())).isEqualTo(CITY);
        }

        @Test
        void differentSeedGivesADifferentCity() {
            DemoCity other = DemoCity.generate(DemoSettings.defaults().withSeed(DemoSettings.DEFAULT_SEED + 1));

            assertThat(other.projects()).extracting(Project::name).isNotEqualTo(names(CITY));
            assertThat(other.units()).extracting(Unit::buildingArea).isNotEqualTo(areas(CITY));
        }

        private static List<String> names(DemoCity city) {
            return city.projects().stream().map(Project::name).toList();
        }

        private static List<BigDecimal> areas(DemoCity city) {
            return city.units().stream().map(Unit::buildingArea).toList();
        }
    }

    @Nested
    class Values {

        @Test
        void everyIdMatchesTheHubsPatternAndIsUnique() {
            Stream.of(
                            CITY.projects().stream().map(Project::projectId).toList(),
                            CITY.buildings().stream().map(Building::buildingId).toList(),
                            CITY.units().stream().map(Unit::houseCode).toList())
                    .forEach(ids -> assertThat(ids)
                            .allSatisfy(id -> assertThat(id).matches(ID))
                            .doesNotHaveDuplicates());
        }

        @Test
        void idsNameDistrictYearProjectBuildingAndRoom() {
            Map<String, String> codeByDistrict =
                    CITY.districts().stream().collect(toMap(District::name, District::code));

            assertThat(CITY.projects())
                    .allSatisfy(project -> assertThat(project.projectId())
                            .matches(codeByDistrict.get(project.district()) + "-2026-\\d{3}"));
            assertThat(CITY.buildings())
                    .allSatisfy(building -> assertThat(building.buildingId())
                            .matches(Pattern.quote(building.projectId()) + "-B\\d{2}")
                            .endsWith(String.format(
                                    "B%02d", Integer.parseInt(building.name().replace("号楼", "")))));
            assertThat(CITY.units())
                    .allSatisfy(unit -> assertThat(unit.houseCode()).isEqualTo(unit.buildingId() + "-" + unit.room()));
            assertThat(CITY.units())
                    .anySatisfy(unit -> assertThat(unit.houseCode()).endsWith("-1203"));
        }

        @Test
        void buildingsHave6To33FloorsAndFlatsLieOnThemWithRoomsNamedByFloor() {
            Map<String, Building> buildings = byId(CITY.buildings().stream(), Building::buildingId);

            assertThat(CITY.buildings())
                    .allSatisfy(building -> assertThat(building.floors()).isBetween(6, 33));
            assertThat(CITY.units()).allSatisfy(unit -> {
                if (unit.use().equals("车位")) {
                    assertThat(unit.floor()).isEqualTo(-1);
                    assertThat(unit.room()).matches("B1-\\d{3}");
                } else {
                    assertThat(unit.floor())
                            .isBetween(1, buildings.get(unit.buildingId()).floors());
                    assertThat(unit.room()).matches(unit.floor() + "\\d{2}");
                }
            });
        }

        @Test
        void areasAreInRangeAndInnerAreasAboutFourFifths() {
            assertThat(CITY.units()).allSatisfy(unit -> {
                assertThat(unit.buildingArea().scale()).isEqualTo(2);
                assertThat(unit.innerArea().scale()).isEqualTo(2);
                if (unit.use().equals("车位")) {
                    assertThat(unit.buildingArea()).isBetween(new BigDecimal("25"), new BigDecimal("40"));
                    assertThat(unit.innerArea()).isBetween(new BigDecimal("12"), new BigDecimal("15"));
                } else {
                    assertThat(unit.buildingArea()).isBetween(new BigDecimal("55"), new BigDecimal("180"));
                    double share =
                            unit.innerArea().doubleValue() / unit.buildingArea().doubleValue();
                    assertThat(share).isBetween(0.775, 0.825);
                }
            });
        }

        @Test
        void listedPricesFollowTheDistrictsPricePerSquareMetre() {
            Map<String, Integer> pricePerDistrict =
                    CITY.districts().stream().collect(toMap(District::name, District::pricePerSquareMetre));
            Map<String, Project> projects = byId(CITY.projects().stream(), Project::projectId);

            assertThat(CITY.units()).allSatisfy(unit -> {
                assertThat(unit.listedPrice().scale()).isEqualTo(2);
                double perSquareMetre =
                        unit.listedPrice().doubleValue() / unit.buildingArea().doubleValue();
                int district =
                        pricePerDistrict.get(projects.get(unit.projectId()).district());
                switch (unit.use()) {
                    case "住宅" -> assertThat(perSquareMetre).isBetween(district * 0.89, district * 1.11 * 1.13);
                    case "商业" -> assertThat(perSquareMetre).isBetween(district * 0.89 * 1.6, district * 1.11 * 1.6);
                    default ->
                        assertThat(unit.listedPrice()).isBetween(new BigDecimal("120000"), new BigDecimal("320000"));
                }
            });
            assertThat(CITY.districts())
                    .allSatisfy(district ->
                            assertThat(district.pricePerSquareMetre()).isBetween(10_000, 70_000));
        }

        @Test
        void mostUnitsAreFlatsForSaleWithSomeShopsAndParkingSpaces() {
            Map<String, Long> byUse = CITY.units().stream().collect(groupingBy(Unit::use, counting()));
            Map<String, Long> byStatus = CITY.units().stream().collect(groupingBy(Unit::saleStatus, counting()));

            assertThat(byUse).containsOnlyKeys("住宅", "商业", "车位");
            assertThat(byUse.get("住宅")).isGreaterThan(16_000);
            assertThat(byUse.get("商业")).isPositive();
            assertThat(byUse.get("车位")).isPositive();
            assertThat(byStatus).containsOnlyKeys("可售", "不可售");
            assertThat(byStatus.get("不可售")).isBetween(1L, 600L);
        }

        @Test
        void namesDevelopersAndAddressesAreChinese() {
            assertThat(CITY.districts())
                    .allSatisfy(d -> assertThat(d.name()).matches(CHINESE).endsWith("区"));
            assertThat(CITY.projects()).allSatisfy(project -> {
                assertThat(project.name()).matches(CHINESE);
                assertThat(project.developer()).matches(CHINESE).endsWith("有限公司");
                assertThat(project.address())
                        .matches(CHINESE)
                        .startsWith(project.district())
                        .matches(".*路\\d+号");
            });
            assertThat(CITY.projects()).extracting(Project::name).doesNotHaveDuplicates();
            assertThat(CITY.buildings()).allSatisfy(b -> assertThat(b.name()).matches("\\d+号楼"));
        }

        @Test
        void presalePermitsAreDistinctNanjingPermitsOf2026ApprovedBeforeTheDemo() {
            assertThat(CITY.projects()).extracting(Project::presalePermit).doesNotHaveDuplicates();
            assertThat(CITY.projects()).allSatisfy(project -> {
                assertThat(project.presalePermit()).matches("宁房预售第2026\\d{4}号");
                assertThat(project.approvedAt().getYear()).isEqualTo(2026);
                assertThat(project.approvedAt().getMonthValue()).isLessThanOrEqualTo(10);
            });
        }
    }

    private static Set<String> districtNames(DemoCity city) {
        return city.districts().stream().map(District::name).collect(toSet());
    }

    private static <T> Map<String, T> byId(Stream<T> items, Function<T, String> id) {
        return items.collect(toMap(id, Function.identity()));
    }
}
