package org.exchangehub.hub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API requests whose declared body is larger than {@code hub.api.max-request-bytes} with a 413 problem before
 * anything reads the body (the per-record limit is {@code hub.records.max-payload-bytes}, checked on the canonical
 * payload).
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimit(@Value("${hub.api.max-request-bytes:16777216}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            Problems.write(
                    request,
                    response,
                    ApiProblem.PAYLOAD_TOO_LARGE,
                    "the request body has " + length + " bytes; at most " + maxBytes + " are accepted");
            return;
        }
        chain.doFilter(request, response);
    }
}
