package org.exchangehub.certs.canonical;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a double as ECMAScript's {@code Number.prototype.toString} does (ECMA-262 Number::toString with the
 * closest-shortest refinement of its note 2), which RFC 8785 section 3.2.2.3 prescribes.
 *
 * <p>The shortest digits come from Jackson's Schubfach writer (the algorithm of JDK 19+ {@code Double.toString};
 * JDK 17's is not always shortest). Java differs from ECMAScript in one case: when a single digit suffices, Java may
 * print two if those are closer ({@code 4.9E-324}); ECMAScript wants the single one ({@code 5e-324}).
 */
final class EcmaScriptNumber {

    /** Below 2^53 every integral double is exactly a long, and prints as one. */
    private static final double EXACT_INTEGER_LIMIT = 0x1p53;

    private EcmaScriptNumber() {}

    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new CanonicalizationException("NaN and Infinity have no JSON form, got " + value);
        }
        if (value == 0) {
            return "0"; // minus zero too
        }
        if (value < 0) {
            return "-" + format(-value);
        }
        if (value < EXACT_INTEGER_LIMIT && value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return layout(shortestDigits(value));
    }

    /** The shortest decimal that reads back as {@code value}, the closest one if several, the even one on a tie. */
    static BigDecimal shortestDigits(double value) {
        BigDecimal java = new BigDecimal(NumberOutput.toString(value, true)).stripTrailingZeros();
        if (java.precision() != 2) {
            return java;
        }
        BigDecimal below = java.round(new MathContext(1, RoundingMode.FLOOR));
        BigDecimal above = java.round(new MathContext(1, RoundingMode.CEILING));
        boolean belowReadsBack = below.doubleValue() == value;
        boolean aboveReadsBack = above.doubleValue() == value;
        if (belowReadsBack && aboveReadsBack) {
            BigDecimal exact = new BigDecimal(value);
            int comparison = exact.subtract(below).compareTo(above.subtract(exact));
            boolean belowIsEven = !below.unscaledValue().testBit(0);
            return comparison < 0 || (comparison == 0 && belowIsEven) ? below : above;
        }
        return belowReadsBack ? below : aboveReadsBack ? above : java;
    }

    /** ECMA-262 Number::toString steps 6 to 10 for digits s (k of them) and decimal exponent n. */
    private static String layout(BigDecimal decimal) {
        String digits = decimal.unscaledValue().toString();
        int k = digits.length();
        int n = k - decimal.scale();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        String exponent = (n - 1 < 0 ? "-" : "+") + Math.abs(n - 1);
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + exponent;
    }
}
