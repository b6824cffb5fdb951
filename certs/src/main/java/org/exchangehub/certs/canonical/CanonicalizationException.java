package org.exchangehub.certs.canonical;

/**
 * JSON that has no RFC 8785 canonical form (or, for {@link JsonCanonicalizer#canonicalizeExact}, none that keeps its
 * numbers): the {@link Reason} says why, {@link #pointer()} says where.
 */
public class CanonicalizationException extends IllegalArgumentException {

    /** Why a JSON text or tree has no canonical form. */
    public enum Reason {
        /** Not one JSON value: a syntax error, trailing tokens, NaN/Infinity tokens, comments, nothing at all. */
        MALFORMED,
        /** An object names the same member twice. */
        DUPLICATE_MEMBER,
        /** The bytes are not UTF-8. */
        NOT_UTF8,
        /** A string or member name holds a lone UTF-16 surrogate, which has no UTF-8 form. */
        LONE_SURROGATE,
        /** A number beyond the IEEE 754 double range, NaN or Infinity. */
        NUMBER_OUT_OF_RANGE,
        /** A number whose double (hence canonical) form has another value than written, e.g. 2^53 + 1. */
        NUMBER_NOT_EXACT,
        /** Deeper, longer or larger than {@link JsonLimits} allows. */
        LIMIT_EXCEEDED,
        /** A tree node that is not JSON (binary, POJO). */
        NOT_JSON
    }

    private final Reason reason;
    private final String pointer;

    public CanonicalizationException(String message) {
        this(Reason.MALFORMED, null, message, null);
    }

    public CanonicalizationException(String message, Throwable cause) {
        this(Reason.MALFORMED, null, message, cause);
    }

    /**
     * @param pointer the RFC 6901 JSON pointer of the offending value, or null where the text breaks before one
     */
    public CanonicalizationException(Reason reason, String pointer, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.pointer = pointer;
    }

    public Reason reason() {
        return reason;
    }

    /** The RFC 6901 JSON pointer of the offending value ({@code ""} for the whole document), or null if unknown. */
    public String pointer() {
        return pointer;
    }
}
