package org.exchangehub.hub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exchangehub.certs.canonical.CanonicalizationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns refusals into RFC 9457 {@code application/problem+json}: {@code type} names the problem, {@code code} is its
 * {@link ApiProblem} name, {@code detail} says which values were wrong. Spring's own errors (unreadable JSON, a missing
 * parameter, a wrong method) come out the same way, with code {@code BAD_REQUEST} or their status.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final String TYPE_PREFIX = "urn:exchange-hub:problem:";

    @ExceptionHandler(ApiException.class)
    ProblemDetail refused(ApiException e) {
        return Problems.detailOf(e);
    }

    /** Safety net: a canonicalization refusal that did not pass through {@link RequestJson} is still the caller's. */
    @ExceptionHandler(CanonicalizationException.class)
    ProblemDetail notCanonicalizable(CanonicalizationException e) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (e.pointer() != null) {
            properties.put("pointer", e.pointer());
        }
        properties.put("reason", e.reason().name());
        return refused(new ApiException(
                e.reason() == CanonicalizationException.Reason.LIMIT_EXCEEDED
                        ? ApiProblem.JSON_LIMIT_EXCEEDED
                        : ApiProblem.JSON_NOT_CANONICALIZABLE,
                e.getMessage(),
                properties));
    }

    /** A body {@link RequestJson} refused (or no body at all): the problem it names, with the JSON pointer. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ApiException refusal = ex.getCause() == null
                ? new ApiException(ApiProblem.BAD_REQUEST, "the request body is missing or unreadable")
                : RequestJson.refusal(ex.getCause());
        ProblemDetail body = refused(refusal);
        return handleExceptionInternal(ex, body, headers, refusal.problem().status(), request);
    }

    /** The code of a refusal known only by its status (Spring MVC's, the container's). */
    static String codeOf(int status) {
        for (ApiProblem problem : GENERIC) {
            if (problem.status().value() == status) {
                return problem.name();
            }
        }
        return "HTTP_" + status;
    }

    private static final List<ApiProblem> GENERIC = List.of(
            ApiProblem.BAD_REQUEST,
            ApiProblem.NOT_FOUND,
            ApiProblem.METHOD_NOT_ALLOWED,
            ApiProblem.NOT_ACCEPTABLE,
            ApiProblem.PAYLOAD_TOO_LARGE,
            ApiProblem.UNSUPPORTED_MEDIA_TYPE);

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse response) {
            // Spring's own refusals (404, 405, 415, a missing parameter) come without a body: take theirs to add a code
            body = response.getBody();
        }
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", codeOf(statusCode.value()));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
}
