package org.exchangehub.adapters.demo;

import static org.exchangehub.adapters.demo.FrontendTables.AVAILABLE;
import static org.exchangehub.adapters.demo.FrontendTables.NOT_FOR_SALE;
import static org.exchangehub.adapters.demo.FrontendTables.PARKING;
import static org.exchangehub.adapters.demo.FrontendTables.RESIDENTIAL;
import static org.exchangehub.adapters.demo.FrontendTables.SHOP;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.exchangehub.adapters.demo.DemoCity.Building;
import org.exchangehub.adapters.demo.DemoCity.Unit;

/**
 * The floor plan of a building with a given number of units: floors × rooms per floor of flats (shops on the ground
 * floor of some), and the few units that do not fill a floor as parking spaces in the basement (floor -1).
 *
 * @param roomAreas the building area of each room position; every floor repeats the same plan, as real towers do
 */
record BuildingLayout(
        int floors, int roomsPerFloor, int parkingSpaces, boolean shopsOnGroundFloor, List<BigDecimal> roomAreas) {

    /** About one flat in a hundred is kept back from sale (回迁房 for resettled residents). */
    private static final int NOT_FOR_SALE_PER_MILLE = 10;

    static BuildingLayout of(Random random, int unitCount) {
        int wantedPerFloor = 2 + random.nextInt(5);
        int floors = Math.max(
                DemoCity.MIN_FLOORS, Math.min(DemoCity.MAX_FLOORS, Math.round((float) unitCount / wantedPerFloor)));
        // floors <= unitCount because unitCount >= MIN_UNITS_PER_BUILDING == MIN_FLOORS, so a floor has a room.
        int roomsPerFloor = unitCount / floors;
        List<BigDecimal> areas = new ArrayList<>();
        for (int room = 0; room < roomsPerFloor; room++) {
            areas.add(BigDecimal.valueOf(5_500 + random.nextInt(12_501), 2));
        }
        boolean shops = floors >= 8 && random.nextInt(10) < 3;
        return new BuildingLayout(floors, roomsPerFloor, unitCount - floors * roomsPerFloor, shops, areas);
    }

    int unitCount() {
        return floors * roomsPerFloor + parkingSpaces;
    }

    List<Unit> units(Random random, Building building, UnitPricing pricing) {
        List<Unit> units = new ArrayList<>(unitCount());
        String roomFormat = "%d%0" + Math.max(2, String.valueOf(roomsPerFloor).length()) + "d";
        for (int floor = 1; floor <= floors; floor++) {
            boolean shopFloor = floor == 1 && shopsOnGroundFloor;
            for (int position = 1; position <= roomsPerFloor; position++) {
                BigDecimal area = roomAreas.get(position - 1);
                String saleStatus = random.nextInt(1000) < NOT_FOR_SALE_PER_MILLE ? NOT_FOR_SALE : AVAILABLE;
                units.add(unit(
                        building,
                        floor,
                        String.format(roomFormat, floor, position),
                        area,
                        area.multiply(BigDecimal.valueOf(78 + random.nextInt(5), 2))
                                .setScale(2, RoundingMode.HALF_UP),
                        shopFloor ? SHOP : RESIDENTIAL,
                        saleStatus,
                        shopFloor ? pricing.shop(area) : pricing.flat(area, floor)));
            }
        }
        for (int space = 1; space <= parkingSpaces; space++) {
            units.add(unit(
                    building,
                    -1,
                    String.format("B1-%03d", space),
                    BigDecimal.valueOf(2_500 + random.nextInt(1_501), 2),
                    BigDecimal.valueOf(1_200 + random.nextInt(301), 2),
                    PARKING,
                    AVAILABLE,
                    pricing.parkingSpacePrice()));
        }
        return units;
    }

    private static Unit unit(
            Building building,
            int floor,
            String room,
            BigDecimal area,
            BigDecimal innerArea,
            String use,
            String saleStatus,
            BigDecimal price) {
        return new Unit(
                building.buildingId() + "-" + room,
                building.buildingId(),
                building.projectId(),
                floor,
                room,
                area,
                innerArea,
                use,
                saleStatus,
                price);
    }
}
