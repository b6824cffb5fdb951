package org.exchangehub.certs.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EcmaScriptNumberTests {

    private static String format(String bits) {
        return EcmaScriptNumber.format(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16)));
    }

    @Nested
    class Rfc8785AppendixB {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2"
        })
        void printsWhatTheRfcPrints(String bits, String expected) {
            assertThat(format(bits)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
        void refusesNanAndInfinity(String bits) {
            assertThatThrownBy(() -> format(bits))
                    .isInstanceOf(CanonicalizationException.class)
                    .hasMessageContaining("NaN and Infinity");
        }
    }

    @Nested
    class AgainstReferences {

        @Test
        void printsWhatV8PrintsForEveryRecordedVector() throws IOException {
            List<String> mismatches = new ArrayList<>();
            int checked = 0;
            try (InputStream in = EcmaScriptNumberTests.class.getResourceAsStream("es-number-vectors.txt");
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String[] fields = line.split(" ");
                    checked++;
                    if (!format(fields[0]).equals(fields[1])) {
                        mismatches.add(line + " but got " + format(fields[0]));
                    }
                }
            }
            assertThat(checked).isGreaterThan(2000);
            assertThat(mismatches).isEmpty();
        }

        @Test
        void choosesTheClosestOfTheShortestRoundTrippingDecimals() {
            SplittableRandom random = new SplittableRandom(8785);
            for (int i = 0; i < 3_000; i++) {
                double value = Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
                if (Double.isFinite(value) && value != 0) {
                    assertThat(EcmaScriptNumber.shortestDigits(value))
                            .as("digits of %s", value)
                            .isEqualByComparingTo(slowShortest(value));
                }
            }
        }

        @Test
        void prefersOneDigitWhereJavaPrintsTwo() {
            assertThat(EcmaScriptNumber.format(Double.MIN_VALUE)).isEqualTo("5e-324");
            assertThat(EcmaScriptNumber.format(2 * Double.MIN_VALUE)).isEqualTo("1e-323");
            assertThat(EcmaScriptNumber.format(0.5)).isEqualTo("0.5");
        }

        @Test
        void printsIntegersAndSmallDecimalsPlainly() {
            assertThat(EcmaScriptNumber.format(1)).isEqualTo("1");
            assertThat(EcmaScriptNumber.format(-42)).isEqualTo("-42");
            assertThat(EcmaScriptNumber.format(4.5)).isEqualTo("4.5");
            assertThat(EcmaScriptNumber.format(0.002)).isEqualTo("0.002");
            assertThat(EcmaScriptNumber.format(1e-7)).isEqualTo("1e-7");
            assertThat(EcmaScriptNumber.format(123e18)).isEqualTo("123000000000000000000");
            assertThat(EcmaScriptNumber.format(123e20)).isEqualTo("1.23e+22");
            assertThat(EcmaScriptNumber.format(1e30)).isEqualTo("1e+30");
        }

        /**
         * Obviously correct and slow: the nearest p-digit decimals below and above the exact value, for the least p
         * at which one of them reads back (searched by halving: if p digits suffice, p + 1 do too).
         */
        private BigDecimal slowShortest(double value) {
            BigDecimal exact = new BigDecimal(value);
            int low = 1;
            int high = 17;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (nearestReadingBack(exact, value, middle) != null) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return nearestReadingBack(exact, value, low);
        }

        private BigDecimal nearestReadingBack(BigDecimal exact, double value, int precision) {
            BigDecimal below = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal above = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean belowOk = Double.parseDouble(below.toString()) == value;
            boolean aboveOk = Double.parseDouble(above.toString()) == value;
            if (belowOk && aboveOk) {
                int comparison = exact.subtract(below).compareTo(above.subtract(exact));
                if (comparison != 0) {
                    return comparison < 0 ? below : above;
                }
                return below.unscaledValue().testBit(0) ? above : below;
            }
            return belowOk ? below : aboveOk ? above : null;
        }
    }
}
