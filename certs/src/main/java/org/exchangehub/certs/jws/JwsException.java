package org.exchangehub.certs.jws;

/**
 * A detached JWS that is refused, with the {@link Reason} as a code the hub can map (to a status, a metric) and a
 * message that says precisely what is wrong.
 */
public class JwsException extends RuntimeException {

    /** Why a JWS is refused. */
    public enum Reason {
        /** Not three dot-separated parts. */
        MALFORMED,
        /** The payload part is not empty: not a detached JWS. */
        PAYLOAD_NOT_DETACHED,
        /** A part, or an {@code x5c} entry, is not valid (base64url resp. base64) text. */
        BAD_BASE64,
        /** The protected header is not a JSON object, repeats a name, or a parameter has the wrong type. */
        BAD_HEADER,
        /** {@code b64} is missing or not {@code false}: only unencoded payloads (RFC 7797) are accepted. */
        B64_NOT_FALSE,
        /** {@code crit} is missing or does not list {@code b64}, as RFC 7797 section 6 requires. */
        CRIT_MISSING_B64,
        /** {@code crit} lists a parameter this implementation does not understand (RFC 7515 section 4.1.11). */
        UNSUPPORTED_CRITICAL,
        /** {@code alg} is missing or not one of ES256, SM2. */
        UNKNOWN_ALG,
        /** {@code alg} does not fit the signer certificate's key (an SM2 key with ES256, an RSA key, ...). */
        ALG_KEY_MISMATCH,
        /** No {@code x5c}, or an empty one. */
        NO_X5C,
        /** An {@code x5c} entry is not a DER X.509 certificate. */
        BAD_CERTIFICATE,
        /** {@code sigT} is missing or not an RFC 3339 UTC time. */
        BAD_SIGNING_TIME,
        /** The signature is not the 64 bytes r||s of the algorithm. */
        BAD_SIGNATURE_LENGTH,
        /** The signature does not verify over the signing input with the signer certificate's key. */
        SIGNATURE_INVALID,
        /** The signer certificate's key usage allows neither digitalSignature nor nonRepudiation. */
        NOT_A_SIGNING_CERTIFICATE,
        /** A certificate of the chain is not signed by the next one, or the next one is no CA. */
        BROKEN_CHAIN,
        /** The chain does not end at one of the trust anchors. */
        UNKNOWN_ISSUER,
        /** A certificate of the chain had expired at the time checked. */
        EXPIRED,
        /** A certificate of the chain was not yet valid at the time checked. */
        NOT_YET_VALID
    }

    private final Reason reason;

    public JwsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public JwsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the JWS was refused. */
    public Reason reason() {
        return reason;
    }
}
