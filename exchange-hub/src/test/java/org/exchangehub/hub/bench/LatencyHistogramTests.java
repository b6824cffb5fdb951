package org.exchangehub.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LatencyHistogramTests {

    @Nested
    class Percentiles {

        @Test
        void areTheNearestRankWithinOneSixtyFourthAboveTheTrueValue() {
            LatencyHistogram histogram = new LatencyHistogram();
            for (long millis = 1; millis <= 1_000; millis++) {
                histogram.record(millis * 1_000);
            }

            assertThat(histogram.count()).isEqualTo(1_000);
            assertThat(histogram.percentileMillis(0.50)).isBetween(500.0, 500 * (1 + 1 / 64.0));
            assertThat(histogram.percentileMillis(0.99)).isBetween(990.0, 990 * (1 + 1 / 64.0));
            assertThat(histogram.percentileMillis(1.0)).isBetween(1_000.0, 1_000 * (1 + 1 / 64.0));
        }

        @Test
        void areExactBelowSixtyFourMicroseconds() {
            LatencyHistogram histogram = new LatencyHistogram();
            histogram.record(7);
            histogram.record(63);

            assertThat(histogram.percentileMillis(0.5)).isCloseTo(0.007, within(1e-9));
            assertThat(histogram.percentileMillis(1.0)).isCloseTo(0.063, within(1e-9));
        }

        @Test
        void areZeroWithoutSamples() {
            assertThat(new LatencyHistogram().percentileMillis(0.5)).isZero();
        }
    }

    @Nested
    class Record {

        @Test
        void countsANegativeLatencyAsZero() {
            LatencyHistogram histogram = new LatencyHistogram();
            histogram.record(-5);

            assertThat(histogram.percentileMillis(1.0)).isZero();
        }

        @Test
        void keepsALatencyBeyondTheLastBucketInIt() {
            LatencyHistogram histogram = new LatencyHistogram();
            histogram.record(Long.MAX_VALUE);

            assertThat(histogram.count()).isEqualTo(1);
            assertThat(histogram.percentileMillis(1.0)).isPositive();
        }

        @Test
        void putsEveryValueInABucketWhoseUpperBoundHoldsIt() {
            for (long micros = 0; micros < 1 << 20; micros += 37) {
                int bucket = LatencyHistogram.bucket(micros);
                assertThat(LatencyHistogram.upperBoundMicros(bucket)).isGreaterThanOrEqualTo(micros);
                assertThat(bucket == 0 || LatencyHistogram.upperBoundMicros(bucket - 1) < micros)
                        .as("%d is in the first bucket that holds it", micros)
                        .isTrue();
            }
        }
    }
}
