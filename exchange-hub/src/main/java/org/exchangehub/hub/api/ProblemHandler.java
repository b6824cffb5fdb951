package org.exchangehub.hub.api;

import java.net.URI;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.problem().status(), e.getMessage());
        problem.setType(URI.create(Problems.typeOf(e.problem())));
        problem.setTitle(e.problem().title());
        problem.setProperty("code", e.problem().name());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(LedgerUnavailableException.class)
    ProblemDetail ledgerDown(LedgerUnavailableException e) {
        return refused(new ApiException(ApiProblem.LEDGER_UNAVAILABLE, e.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty(
                    "code", statusCode.value() == 400 ? ApiProblem.BAD_REQUEST.name() : "HTTP_" + statusCode.value());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
}
