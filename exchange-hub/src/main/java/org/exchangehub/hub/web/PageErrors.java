package org.exchangehub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of the pages as pages (the API's problem+json handler would otherwise answer a browser with JSON): what was
 * not found or not understood, in the visitor's language, with the status code a machine expects.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    /** Something a page was asked for does not exist; {@code what} names it (an id, a receipt id). */
    static final class NotFound extends RuntimeException {
        NotFound(String what) {
            super(what);
        }
    }

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound(NotFound e, HttpServletRequest request, Locale locale) {
        return page(HttpStatus.NOT_FOUND, "error.notFound", e.getMessage(), request, locale);
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e, HttpServletRequest request, Locale locale) {
        return page(e.problem().status(), "error.refused", e.getMessage(), request, locale);
    }

    @ExceptionHandler(LedgerUnavailableException.class)
    ModelAndView ledgerDown(LedgerUnavailableException e, HttpServletRequest request, Locale locale) {
        return page(HttpStatus.SERVICE_UNAVAILABLE, "error.ledger", e.getMessage(), request, locale);
    }

    @ExceptionHandler({
        MissingServletRequestParameterException.class,
        MissingServletRequestPartException.class,
        MethodArgumentTypeMismatchException.class,
        MultipartException.class
    })
    ModelAndView badRequest(Exception e, HttpServletRequest request, Locale locale) {
        return page(HttpStatus.BAD_REQUEST, "error.badRequest", e.getMessage(), request, locale);
    }

    static ModelAndView page(
            HttpStatusCode status, String titleKey, String detail, HttpServletRequest request, Locale locale) {
        ModelAndView page = new ModelAndView("error", status);
        page.addAllObjects(PageModel.frame(request, locale));
        page.addObject("status", status.value());
        page.addObject("titleKey", titleKey);
        page.addObject("detail", detail);
        return page;
    }
}
