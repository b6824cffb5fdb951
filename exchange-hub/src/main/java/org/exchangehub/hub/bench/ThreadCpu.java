package org.exchangehub.hub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a phase's CPU went, by kind of thread (its name without numbers: {@code hub-delivery}, {@code bench-receiver},
 * {@code HttpClient-Worker-}, ...), so that the share of the bench's own receivers can be told from the hub's.
 * Threads that ended during the phase are not counted.
 */
final class ThreadCpu {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start;

    /** Notes every live thread's CPU time now. */
    ThreadCpu() {
        this.start = snapshot();
    }

    /** The CPU used since construction by each kind of thread, largest first, the first {@code top} of them. */
    String since(int top) {
        Map<Long, Long> now = snapshot();
        Map<String, Long> byKind = new HashMap<>();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(
                now.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info == null) {
                continue;
            }
            long used = now.get(info.getThreadId()) - start.getOrDefault(info.getThreadId(), 0L);
            byKind.merge(info.getThreadName().replaceAll("[0-9]+", ""), used, Long::sum);
            total += used;
        }
        long all = total;
        return byKind.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(kind -> String.format(
                        Locale.ROOT, "%s %.0f%%", kind.getKey(), all == 0 ? 0 : 100.0 * kind.getValue() / all))
                .collect(Collectors.joining(", "));
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        if (!threads.isThreadCpuTimeSupported()) {
            return cpu;
        }
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}
