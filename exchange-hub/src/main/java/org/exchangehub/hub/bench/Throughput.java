package org.exchangehub.hub.bench;

/**
 * What a phase did: records handled, wall-clock nanoseconds, and the CPU nanoseconds the whole process used meanwhile
 * (-1 when the JVM cannot tell). CPU per record says where the time goes even when other work shares the machine.
 */
record Throughput(int records, long nanos, long cpuNanos) {

    /** Both phases as one: their records, wall time and CPU time added. */
    Throughput plus(Throughput other) {
        long cpu = cpuNanos < 0 || other.cpuNanos < 0 ? -1 : cpuNanos + other.cpuNanos;
        return new Throughput(records + other.records, nanos + other.nanos, cpu);
    }

    double perSecond() {
        return records * 1e9 / nanos;
    }

    /** Process CPU microseconds per record, or -1. */
    double cpuMicrosPerRecord() {
        return cpuNanos < 0 ? -1 : cpuNanos / 1e3 / records;
    }

    /** Cores busy on average: process CPU time over wall time, or -1. */
    double cores() {
        return cpuNanos < 0 ? -1 : (double) cpuNanos / nanos;
    }
}
