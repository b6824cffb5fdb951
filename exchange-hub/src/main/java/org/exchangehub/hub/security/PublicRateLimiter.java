package org.exchangehub.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.api.Problems;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits anonymous callers of the public paths (the portal interfaces and the public pages; not static files) to
 * {@code hub.security.public-requests-per-minute} per client address: a token bucket per address, refilled
 * continuously, so a burst up to the limit passes and a steady stream above it gets 429 with {@code Retry-After}.
 * Identified agencies are not limited here. Buckets idle for a minute are forgotten.
 */
public class PublicRateLimiter extends OncePerRequestFilter {

    /** Inside the identity filter (agencies are known), before Spring Security. */
    public static final int ORDER = -140;

    private static final int MAX_TRACKED = 100_000;

    private final double perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public PublicRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedMillis = now;
        }
    }

    /** Whether a path is public and limited: the portal API and the public pages, not static resources. */
    static boolean limited(String path) {
        if (path.startsWith("/api/v1/portal/")) {
            return true;
        }
        if (path.startsWith("/api/") || path.startsWith("/ops") || path.startsWith("/actuator")) {
            return false;
        }
        return !(path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.startsWith("/img/")
                || path.startsWith("/webjars/")
                || path.equals("/favicon.ico"));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return perMinute <= 0
                || !limited(path)
                || request.getAttribute(org.exchangehub.hub.api.AgencyResolver.ATTRIBUTE) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = clock.millis();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(b -> now - b.updatedMillis > 60_000);
        }
        Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), a -> new Bucket(perMinute, now));
        double waitSeconds;
        synchronized (bucket) {
            bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.updatedMillis) * perMinute / 60_000.0);
            bucket.updatedMillis = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                waitSeconds = 0;
            } else {
                waitSeconds = (1 - bucket.tokens) * 60.0 / perMinute;
            }
        }
        if (waitSeconds > 0) {
            long retryAfter = (long) Math.ceil(waitSeconds);
            response.setHeader("Retry-After", Long.toString(retryAfter));
            Problems.write(
                    request,
                    response,
                    ApiProblem.RATE_LIMITED,
                    "at most " + (long) perMinute + " requests a minute per address on the public paths; retry in "
                            + retryAfter + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
