package org.exchangehub.hub.policy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.exchangehub.certs.jws.DetachedJws;
import org.exchangehub.certs.jws.JwsException;
import org.exchangehub.certs.jws.VerifiedJws;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.record.SourceSignature;
import org.exchangehub.hub.security.ClientCertificates;
import org.exchangehub.hub.security.SecurityConfiguration;
import org.springframework.stereotype.Component;

/**
 * Verifies an agency's source signature on a record it publishes: a detached JWS (RFC 7797, unencoded payload) over
 * the canonical record, by a certificate that chains to an agency CA at the signing time, is not revoked, and names
 * the publishing agency. The signing time is the signer's claim: it may not lie in the future (beyond a little clock
 * skew) nor more than a day before the hub receives it.
 */
@Component
public class SourceSignatures {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final Duration MAX_AGE = Duration.ofDays(1);

    private final List<X509Certificate> authorities;
    private final ClientCertificates certificates;
    private final Clock clock;

    public SourceSignatures(SecurityConfiguration.AgencyTrust trust, ClientCertificates certificates, Clock clock) {
        this.authorities = trust.authorities();
        this.certificates = certificates;
        this.clock = clock;
    }

    /** @throws ApiException SOURCE_SIGNATURE_INVALID saying why */
    SourceSignature check(String agency, String jws, byte[] canonicalRecord) {
        VerifiedJws verified;
        try {
            verified = DetachedJws.verify(jws, canonicalRecord);
            DetachedJws.checkChain(verified, authorities);
        } catch (JwsException e) {
            throw invalid(agency, e.reason().name(), e.getMessage());
        }
        Instant now = clock.instant();
        Instant signed = verified.signingTime();
        if (signed.isAfter(now.plus(CLOCK_SKEW)) || signed.isBefore(now.minus(MAX_AGE))) {
            throw invalid(
                    agency,
                    "SIGNING_TIME",
                    "the signing time " + signed + " is not within " + MAX_AGE.toHours() + " h before now (" + now
                            + ")");
        }
        X509Certificate signer = verified.signer();
        String subject = signer.getSubjectX500Principal().getName(X500Principal.RFC2253);
        if (certificates.revoked(signer)) {
            throw invalid(agency, "REVOKED", "the signer certificate " + subject + " is revoked");
        }
        String named = certificates.agencyOf(signer).orElse(null);
        if (!agency.equals(named)) {
            throw invalid(
                    agency,
                    "WRONG_SIGNER",
                    "the record is published by '" + agency + "' but signed by " + subject
                            + (named == null ? ", which names no agency" : ", which is '" + named + "'"));
        }
        return new SourceSignature(jws, subject, signed);
    }

    private static ApiException invalid(String agency, String reason, String detail) {
        return new ApiException(
                ApiProblem.SOURCE_SIGNATURE_INVALID,
                "the source signature of '" + agency + "' is refused: " + detail,
                Map.of("reason", reason));
    }
}
