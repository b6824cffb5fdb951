package org.exchangehub.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import org.exchangehub.hub.api.AgencyResolver;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.api.Problems;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Identifies the calling agency for every request: from the client certificate the agency port's TLS handshake
 * accepted (checked against the CRL and mapped to an agency by {@link ClientCertificates}), or, only with
 * {@code hub.dev.agency-header=true}, from the {@value AgencyResolver#HEADER} header of a request without one. A
 * certificate that is revoked or names no agency is refused at once with 401; no certificate and no header leaves the
 * request anonymous, and the agency API then answers 401 itself. Runs inside the audit filter, so refusals are
 * audited.
 */
public class AgencyIdentityFilter extends OncePerRequestFilter {

    /** After the audit filter, before Spring Security's chain. */
    public static final int ORDER = -150;

    private static final Pattern AGENCY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final ClientCertificates certificates;
    private final boolean headerAllowed;

    public AgencyIdentityFilter(ClientCertificates certificates, boolean headerAllowed) {
        this.certificates = certificates;
        this.headerAllowed = headerAllowed;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        X509Certificate[] presented = (X509Certificate[]) request.getAttribute(CERTIFICATES);
        if (presented != null && presented.length > 0) {
            ClientCertificates.Identification id = certificates.identify(presented[0]);
            if (id.agency().isEmpty()) {
                Problems.write(
                        request,
                        response,
                        id.revoked() ? ApiProblem.CERTIFICATE_REVOKED : ApiProblem.CERTIFICATE_NOT_MAPPED,
                        id.refusal());
                return;
            }
            request.setAttribute(AgencyResolver.ATTRIBUTE, id.agency().get());
        } else if (headerAllowed && request.getHeader(AgencyResolver.HEADER) != null) {
            String agency = request.getHeader(AgencyResolver.HEADER);
            if (!AGENCY.matcher(agency).matches()) {
                Problems.write(
                        request,
                        response,
                        ApiProblem.AGENCY_UNKNOWN,
                        "header " + AgencyResolver.HEADER
                                + " must name the calling agency (lower-case, e.g. housing), got '" + agency + "'");
                return;
            }
            request.setAttribute(AgencyResolver.ATTRIBUTE, agency);
        }
        chain.doFilter(request, response);
    }
}
