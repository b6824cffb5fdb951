package org.exchangehub.adapters.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A small Chinese city's building tables (楼盘表) for the demo: districts, projects, buildings and units, all derived
 * from {@link DemoSettings#seed()}, so the same seed always gives the same city. Values are in the housing bureau's
 * native form (FWYT 住宅/商业/车位, XSZT 可售/不可售), as {@link DemoCityLoader} writes them.
 */
public record DemoCity(List<District> districts, List<Project> projects, List<Building> buildings, List<Unit> units) {

    public static final int MAX_DISTRICTS = 11;
    public static final int MIN_UNITS_PER_BUILDING = 6;

    /** The year the city's projects were approved, in their ids and presale permits. */
    static final int YEAR = 2026;

    static final int MIN_FLOORS = 6;
    static final int MAX_FLOORS = 33;

    public DemoCity {
        districts = List.copyOf(districts);
        projects = List.copyOf(projects);
        buildings = List.copyOf(buildings);
        units = List.copyOf(units);
    }

    /** 行政区, with its code in ids and its going price per m² for a flat. */
    public record District(String name, String code, int pricePerSquareMetre) {}

    /** 楼盘项目, as a row of EXCH_PROJECT. */
    public record Project(
            String projectId,
            String name,
            String developer,
            String district,
            String address,
            String presalePermit,
            int totalBuildings,
            LocalDate approvedAt) {}

    /** 楼栋, as a row of EXCH_BUILDING; floors above ground. */
    public record Building(String buildingId, String projectId, String name, int floors, int unitCount) {}

    /** 房屋(户), as a row of EXCH_UNIT; use and saleStatus are the bureau's texts (住宅, 可售, ...). */
    public record Unit(
            String houseCode,
            String buildingId,
            String projectId,
            int floor,
            String room,
            BigDecimal buildingArea,
            BigDecimal innerArea,
            String use,
            String saleStatus,
            BigDecimal listedPrice) {

        Unit withSaleStatus(String newSaleStatus) {
            return new Unit(
                    houseCode,
                    buildingId,
                    projectId,
                    floor,
                    room,
                    buildingArea,
                    innerArea,
                    use,
                    newSaleStatus,
                    listedPrice);
        }
    }

    /** The city of these settings: exactly as many districts, projects, buildings and units as they say. */
    public static DemoCity generate(DemoSettings settings) {
        Random random = new Random(settings.seed());
        List<District> districts = pickDistricts(random, settings.districts());
        int[] projectsPerDistrict = split(random, settings.projects(), settings.districts(), 1);
        int[] buildingsPerProject = split(random, settings.buildings(), settings.projects(), 1);
        int[] unitsPerBuilding = split(random, settings.units(), settings.buildings(), MIN_UNITS_PER_BUILDING);
        List<String> projectNames = CityNames.projectNames(random, settings.projects());

        List<Project> projects = new ArrayList<>();
        List<Building> buildings = new ArrayList<>();
        List<Unit> units = new ArrayList<>();
        int permitSerial = 10 + random.nextInt(90);
        for (int d = 0; d < districts.size(); d++) {
            District district = districts.get(d);
            for (int serial = 1; serial <= projectsPerDistrict[d]; serial++) {
                int p = projects.size();
                permitSerial += 1 + random.nextInt(9);
                Project project = new Project(
                        String.format("%s-%d-%03d", district.code(), YEAR, serial),
                        projectNames.get(p),
                        CityNames.developer(random),
                        district.name(),
                        district.name() + CityNames.road(random) + "路" + (1 + random.nextInt(399)) + "号",
                        String.format("宁房预售第%d%04d号", YEAR, permitSerial),
                        buildingsPerProject[p],
                        LocalDate.of(YEAR, 1, 5).plusDays(random.nextInt(270)));
                projects.add(project);
                UnitPricing pricing = UnitPricing.of(random, district);
                for (int number = 1; number <= project.totalBuildings(); number++) {
                    BuildingLayout layout = BuildingLayout.of(random, unitsPerBuilding[buildings.size()]);
                    Building building = new Building(
                            String.format("%s-B%02d", project.projectId(), number),
                            project.projectId(),
                            number + "号楼",
                            layout.floors(),
                            layout.unitCount());
                    buildings.add(building);
                    units.addAll(layout.units(random, building, pricing));
                }
            }
        }
        return new DemoCity(districts, projects, buildings, units);
    }

    private static List<District> pickDistricts(Random random, int count) {
        List<District> pool = new ArrayList<>(CityNames.DISTRICTS);
        Collections.shuffle(pool, random);
        List<District> picked = new ArrayList<>();
        for (District district : pool.subList(0, count)) {
            // Prices move ±10% from the pool's going price, in steps of 100 yuan.
            int price =
                    (int) Math.round(district.pricePerSquareMetre() * (0.9 + 0.2 * random.nextDouble()) / 100) * 100;
            picked.add(new District(district.name(), district.code(), price));
        }
        return picked;
    }

    /** {@code total} split into {@code parts} sizes of at least {@code minimum}, uneven as real cities are. */
    static int[] split(Random random, int total, int parts, int minimum) {
        double[] weights = new double[parts];
        double weightSum = 0;
        for (int i = 0; i < parts; i++) {
            weights[i] = 0.5 + random.nextDouble();
            weightSum += weights[i];
        }
        int rest = total - parts * minimum;
        int[] sizes = new int[parts];
        int given = 0;
        for (int i = 0; i < parts; i++) {
            sizes[i] = minimum + (int) Math.floor(rest * weights[i] / weightSum);
            given += sizes[i];
        }
        // Rounding down leaves fewer than `parts` over: one more each, from a random start, makes the total exact.
        int start = random.nextInt(parts);
        for (int k = 0; k < total - given; k++) {
            sizes[(start + k) % parts]++;
        }
        return sizes;
    }
}
