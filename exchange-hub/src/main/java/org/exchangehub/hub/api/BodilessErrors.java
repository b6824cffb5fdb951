package org.exchangehub.hub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An error status set without a body (the actuator's 404 for an unknown health component, a bare {@code
 * ResponseEntity.status(...).build()}) becomes a container error, so that {@link ErrorProblems} answers it like every
 * other refusal: problem+json with a code.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodilessErrors extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (response.getStatus() >= 400 && !response.isCommitted() && response.getContentType() == null) {
            response.sendError(response.getStatus());
        }
    }
}
