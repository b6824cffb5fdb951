package org.exchangehub.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;

/**
 * The {@code /error} page the container forwards to when a request ends in an error no controller advice answered (a
 * servlet filter's {@code sendError}, Spring Security's firewall, an unmapped path outside Spring MVC): problem+json
 * with a {@code code} for the API, the actuator and any client that does not ask for HTML; browsers asking for HTML
 * outside {@code /api/} still get the pages' error view.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorProblems extends BasicErrorController {

    private static final ObjectMapper JSON = new ObjectMapper();

    ErrorProblems(
            ErrorAttributes errorAttributes, ServerProperties server, ObjectProvider<ErrorViewResolver> resolvers) {
        super(errorAttributes, server.getError(), resolvers.orderedStream().toList());
    }

    @Override
    @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (isApi(request)) {
            writeProblem(request, response);
            return null;
        }
        return super.errorHtml(request, response);
    }

    /** Every non-HTML error answer: problem+json whatever the client accepts (it is the only form there is). */
    @Override
    @RequestMapping
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpServletResponse response =
                ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getResponse();
        writeProblem(request, response);
        return null;
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        return path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/api-docs");
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = getStatus(request);
        int value = status.is2xxSuccessful() ? 404 : status.value();
        String code = codeOf(request, value);
        ObjectNode body = JSON.createObjectNode()
                .put(
                        "type",
                        ProblemHandler.TYPE_PREFIX
                                + code.toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("title", title(code, status))
                .put("status", value)
                .put("code", code)
                .put("detail", detail(request, value));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            body.put("instance", uri.toString());
        }
        try {
            response.resetBuffer();
            response.setStatus(value);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(JSON.writeValueAsString(body));
            response.flushBuffer();
        } catch (IOException e) {
            // the caller is gone
        }
    }

    private static String codeOf(HttpServletRequest request, int status) {
        if (request.getAttribute(ApiProblem.REFUSED_ATTRIBUTE) instanceof ApiProblem problem) {
            return problem.name();
        }
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status == 400
                && failure != null
                && failure.getClass().getSimpleName().equals("RequestRejectedException")) {
            return ApiProblem.REQUEST_REJECTED.name();
        }
        return ProblemHandler.codeOf(status);
    }

    private static String title(String code, HttpStatus status) {
        try {
            return ApiProblem.valueOf(code).title();
        } catch (IllegalArgumentException e) {
            return status.getReasonPhrase();
        }
    }

    private static String detail(HttpServletRequest request, int status) {
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        if (message != null && !message.toString().isBlank()) {
            return message.toString();
        }
        return status == 404 ? "no resource at this path" : "the request was refused with status " + status;
    }
}
