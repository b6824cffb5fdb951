package org.exchangehub.hub.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this whole JVM process, so that a phase can be told in CPU per record as well as in wall time. */
final class ProcessCpu {

    private ProcessCpu() {}

    /** Nanoseconds of CPU the process used so far, or -1 when the JVM cannot tell. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU nanoseconds used since {@code start} (a value of {@link #nanos()}), or -1. */
    static long since(long start) {
        long now = nanos();
        return start < 0 || now < 0 ? -1 : now - start;
    }
}
