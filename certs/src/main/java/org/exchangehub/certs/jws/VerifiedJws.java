package org.exchangehub.certs.jws;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A detached JWS whose signature verified over the given payload with the key of its first {@code x5c} certificate.
 * Nothing here is trusted yet: who the signer is, is only what its certificate says until
 * {@link DetachedJws#checkChain} tied the chain to a trust anchor; the signing time is the signer's own claim.
 *
 * @param algorithm the {@code alg} it was signed with
 * @param chain the {@code x5c} certificates, signer first
 * @param signingTime the {@code sigT} header: when the signer says it signed
 * @param protectedHeader the protected header as JSON text, as signed
 */
public record VerifiedJws(
        JwsAlgorithm algorithm, List<X509Certificate> chain, Instant signingTime, String protectedHeader) {

    public VerifiedJws {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a verified JWS has at least its signer certificate");
        }
    }

    /** The signer's certificate: the first of the chain. */
    public X509Certificate signer() {
        return chain.get(0);
    }

    /** The {@code alg} header value, e.g. {@code ES256}. */
    public String alg() {
        return algorithm.jwsName();
    }
}
