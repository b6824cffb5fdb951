package org.exchangehub.hub.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.exchangehub.hub.api.AgencyResolver;
import org.exchangehub.hub.api.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Writes every call under {@code /api/v1/} (but the audit endpoints themselves) to the audit log, refusals included,
 * before the response leaves: the response is held until its entry is committed, so a caller never holds an answer
 * the log does not show. When the entry cannot be written the caller gets 503 {@code AUDIT_UNAVAILABLE} instead of the
 * answer (a publish that was committed then is repeated safely: the same version is accepted again with 200).
 * Ordered before the other filters, Spring Security's included, so that their refusals (401, 403, 413, 429) are
 * audited too.
 */
@Component
@Order(AuditFilter.ORDER)
public class AuditFilter extends OncePerRequestFilter {

    /** Before Spring Security's filter chain ({@code -100}) and the hub's own identity filter. */
    public static final int ORDER = -200;

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditLog audit;
    private final AgencyResolver agencies;
    private final AuditedCalls calls;

    AuditFilter(AuditLog audit, AgencyResolver agencies, ObjectMapper json) {
        this.audit = audit;
        this.agencies = agencies;
        this.calls = new AuditedCalls(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = AuditedCalls.path(request);
        return !path.startsWith("/api/v1/") || path.equals("/api/v1/audit") || path.startsWith("/api/v1/audit/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } catch (IOException | ServletException | RuntimeException e) {
            try {
                audit.appendAll(calls.events(request, 500, actor(request)));
            } catch (RuntimeException auditFailure) {
                e.addSuppressed(auditFailure);
            }
            throw e;
        }
        try {
            audit.appendAll(calls.events(request, held.getStatus(), actor(request)));
        } catch (RuntimeException e) {
            log.error(
                    "{} {} not written to the audit log; answered 503",
                    request.getMethod(),
                    request.getRequestURI(),
                    e);
            held.resetBuffer();
            held.setStatus(ApiProblem.AUDIT_UNAVAILABLE.status().value());
            held.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            held.getWriter()
                    .write("{\"type\":\"urn:exchange-hub:problem:audit-unavailable\",\"title\":\""
                            + ApiProblem.AUDIT_UNAVAILABLE.title()
                            + "\",\"status\":503,\"code\":\"AUDIT_UNAVAILABLE\"}");
            held.getWriter().flush();
        }
        held.copyBodyToResponse();
    }

    private AuditedCalls.Actor actor(HttpServletRequest request) {
        return agencies.identified(request)
                .map(agency -> new AuditedCalls.Actor(ActorKind.AGENCY, agency))
                .or(() -> agencies.operator(request).map(name -> new AuditedCalls.Actor(ActorKind.OPERATOR, name)))
                .orElseGet(() -> new AuditedCalls.Actor(ActorKind.ANONYMOUS, request.getRemoteAddr()));
    }
}
