package org.exchangehub.hub.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies counted in fixed buckets rather than kept, so that the memory does not grow with the samples: 64 buckets
 * per power of two of microseconds (exact below 64 µs, within 1/64 ≈ 1.6 % above), up to 2^40 µs (12 days). Safe for
 * several threads recording at once.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKETS = 64;
    private static final int SUB_BITS = 6;
    private static final int MAX_EXPONENT = 40;

    private final AtomicLongArray counts = new AtomicLongArray(SUB_BUCKETS * (MAX_EXPONENT - SUB_BITS + 2));

    /** Counts one latency; negative ones count as 0 (a clock read on another thread just before its start). */
    void record(long micros) {
        counts.incrementAndGet(bucket(Math.max(0, micros)));
    }

    long count() {
        long count = 0;
        for (int i = 0; i < counts.length(); i++) {
            count += counts.get(i);
        }
        return count;
    }

    /**
     * The nearest-rank percentile in milliseconds: the upper bound of the bucket holding the sample of that rank (so
     * never below the true value, at most 1.6 % above it); 0 when nothing was recorded.
     */
    double percentileMillis(double quantile) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperBoundMicros(i) / 1e3;
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total + " samples");
    }

    static int bucket(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = Math.min(MAX_EXPONENT, 63 - Long.numberOfLeadingZeros(micros));
        int shift = exponent - SUB_BITS;
        long mantissa = Math.min(2 * SUB_BUCKETS - 1, micros >> shift); // [64, 127]
        return SUB_BUCKETS + shift * SUB_BUCKETS + (int) (mantissa - SUB_BUCKETS);
    }

    /** The largest value the bucket holds. */
    static long upperBoundMicros(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int shift = (bucket - SUB_BUCKETS) / SUB_BUCKETS;
        long mantissa = SUB_BUCKETS + (bucket - SUB_BUCKETS) % SUB_BUCKETS;
        return ((mantissa + 1) << shift) - 1;
    }
}
