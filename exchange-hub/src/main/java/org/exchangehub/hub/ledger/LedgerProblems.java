package org.exchangehub.hub.ledger;

import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.api.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A ledger that cannot be reached answers an API call with {@code 503} and code {@code LEDGER_UNAVAILABLE}. Mapped
 * here, by the module that throws it, so that {@code api} (which every module uses) depends on no module itself.
 */
@RestControllerAdvice
class LedgerProblems {

    @ExceptionHandler(LedgerUnavailableException.class)
    ProblemDetail ledgerDown(LedgerUnavailableException e) {
        return Problems.detailOf(new ApiException(ApiProblem.LEDGER_UNAVAILABLE, e.getMessage()));
    }
}
