package org.exchangehub.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a refusal as {@code application/problem+json} from a servlet filter, where no controller advice runs: the same
 * body {@link ProblemHandler} writes ({@code type}, {@code title}, {@code status}, {@code code}, {@code detail}), and
 * the request marked with the problem so that the audit log records its code.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    public static void write(
            HttpServletRequest request, HttpServletResponse response, ApiProblem problem, String detail)
            throws IOException {
        write(request, response, problem, detail, Map.of());
    }

    public static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            ApiProblem problem,
            String detail,
            Map<String, Object> properties)
            throws IOException {
        request.setAttribute(ApiProblem.REFUSED_ATTRIBUTE, problem);
        ObjectNode body = JSON.createObjectNode()
                .put("type", typeOf(problem))
                .put("title", problem.title())
                .put("status", problem.status().value())
                .put("code", problem.name())
                .put("detail", detail)
                .put("instance", request.getRequestURI());
        properties.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        response.resetBuffer();
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
        response.flushBuffer();
    }

    /**
     * The problem+json body of a refusal, for a controller advice: {@code type}, {@code title}, {@code status},
     * {@code code}, {@code detail} and the refusal's extra members. {@link ProblemHandler} answers every
     * {@link ApiException} with it; a module whose own exception means an API problem maps it with it (the ledger's
     * {@code LedgerProblems}), so that this package needs to know no other module.
     */
    public static ProblemDetail detailOf(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.problem().status(), e.getMessage());
        problem.setType(URI.create(typeOf(e.problem())));
        problem.setTitle(e.problem().title());
        problem.setProperty("code", e.problem().name());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** The problem's {@code type} URI, e.g. {@code urn:exchange-hub:problem:payload-too-large}. */
    public static String typeOf(ApiProblem problem) {
        return ProblemHandler.TYPE_PREFIX
                + problem.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
