package org.exchangehub.certs.jws;

import java.security.Key;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.certs.sign.UnsuitableKeyException;

/**
 * The JWS {@code alg} values this profile signs and accepts, each tied to one {@link SignatureAlgorithm}; both write
 * the signature as the fixed-length r||s (RFC 7518 section 3.4), not DER.
 */
public enum JwsAlgorithm {
    /** ECDSA on P-256 with SHA-256 (RFC 7518 section 3.4), IANA-registered. */
    ES256("ES256", SignatureAlgorithm.ECDSA_P256),
    /**
     * SM2 with SM3 and the user ID {@value SignatureAlgorithm#SM2_DEFAULT_USER_ID}. NOT registered with IANA: a name
     * of this profile only, which other JOSE libraries will not know.
     */
    SM2("SM2", SignatureAlgorithm.SM2);

    /** Bytes of r, and of s, in the signature: both curves have a 256-bit order. */
    static final int FIELD_LENGTH = 32;

    private final String jwsName;
    private final SignatureAlgorithm signatureAlgorithm;

    JwsAlgorithm(String jwsName, SignatureAlgorithm signatureAlgorithm) {
        this.jwsName = jwsName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The {@code alg} header value: {@code ES256} or {@code SM2}. */
    public String jwsName() {
        return jwsName;
    }

    /** The signature scheme behind it. */
    public SignatureAlgorithm signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The algorithm of this {@code alg} value (case-sensitive, as RFC 7515 says); empty if unknown. */
    public static Optional<JwsAlgorithm> byJwsName(String alg) {
        return Arrays.stream(values()).filter(a -> a.jwsName.equals(alg)).findFirst();
    }

    /**
     * The algorithm for a key, told by its curve.
     *
     * @throws UnsuitableKeyException if the key is neither P-256 nor SM2
     */
    public static JwsAlgorithm forKey(Key key) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(key);
        return Arrays.stream(values())
                .filter(a -> a.signatureAlgorithm == algorithm)
                .findFirst()
                .orElseThrow(() -> new UnsuitableKeyException("no JWS algorithm for " + algorithm.standardName()));
    }

    /** The accepted {@code alg} values, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(JwsAlgorithm::jwsName).collect(Collectors.joining(", "));
    }
}
