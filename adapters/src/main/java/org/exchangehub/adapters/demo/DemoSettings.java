package org.exchangehub.adapters.demo;

import java.time.Duration;

/**
 * How big the demo city is and how busy its housing bureau: the seed makes both repeatable.
 *
 * @param seed the same seed gives the same city and, from the same tables and clock, the same traffic
 * @param districts districts of the city, 1 to {@value DemoCity#MAX_DISTRICTS}
 * @param projects projects in all, at least one per district
 * @param buildings buildings in all, at least one per project
 * @param units units in all, exactly; at least {@value DemoCity#MIN_UNITS_PER_BUILDING} per building
 * @param contractsPerMinute contracts signed per minute, one per tick, 1 to 60,000
 * @param filingAfterTicks ticks after which a signed contract is filed, or cancelled
 * @param cancelShare the share of signed contracts cancelled instead of filed, 0 to 1
 */
public record DemoSettings(
        long seed,
        int districts,
        int projects,
        int buildings,
        int units,
        int contractsPerMinute,
        int filingAfterTicks,
        double cancelShare) {

    public static final long DEFAULT_SEED = 2026L;

    public DemoSettings {
        require(districts >= 1 && districts <= DemoCity.MAX_DISTRICTS, "districts", districts);
        require(projects >= districts, "projects (at least one per district)", projects);
        require(buildings >= projects, "buildings (at least one per project)", buildings);
        require(
                (long) units >= (long) buildings * DemoCity.MIN_UNITS_PER_BUILDING,
                "units (at least " + DemoCity.MIN_UNITS_PER_BUILDING + " per building)",
                units);
        require(contractsPerMinute >= 1 && contractsPerMinute <= 60_000, "contractsPerMinute", contractsPerMinute);
        require(filingAfterTicks >= 1, "filingAfterTicks", filingAfterTicks);
        require(cancelShare >= 0 && cancelShare <= 1, "cancelShare", cancelShare);
    }

    /** 3 districts, 30 projects, 200 buildings, 20,000 units; 60 contracts a minute, filed 10 ticks later, 5% cancelled. */
    public static DemoSettings defaults() {
        return new DemoSettings(DEFAULT_SEED, 3, 30, 200, 20_000, 60, 10, 0.05);
    }

    public DemoSettings withSeed(long newSeed) {
        return new DemoSettings(
                newSeed, districts, projects, buildings, units, contractsPerMinute, filingAfterTicks, cancelShare);
    }

    /** The time between two ticks of {@link DemoTraffic}: one contract is signed per tick. */
    public Duration tickPeriod() {
        return Duration.ofMinutes(1).dividedBy(contractsPerMinute);
    }

    private static void require(boolean valid, String name, Object value) {
        if (!valid) {
            throw new IllegalArgumentException("demo setting " + name + " out of range: " + value);
        }
    }
}
