package org.exchangehub.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The container's own refusals as problem+json: requests Tomcat refuses before any servlet sees them (an invalid
 * character or an encoded slash in the request target, {@code %00}, a header section beyond {@code
 * server.max-http-request-header-size}, broken HTTP) would otherwise get Tomcat's HTML error page. One host serves
 * both connectors (the plain port and the agencies' mutual-TLS port), so its error report valve covers both.
 */
@Component
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // Spring Boot adds a plain ErrorReportValve (no stack traces) from its own customizer, which runs
                // before this one (see getOrder); the host would add its default one at start: both give way to ours.
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve.getClass() == ErrorReportValve.class) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report, written as problem+json with a {@code code} instead of an HTML page. */
    public static final class ProblemReportValve extends ErrorReportValve {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String code = ProblemHandler.codeOf(status);
            if (status == 400) {
                code = ApiProblem.REQUEST_REJECTED.name();
            }
            ObjectNode body = JSON.createObjectNode()
                    .put(
                            "type",
                            ProblemHandler.TYPE_PREFIX
                                    + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .put("title", titleOf(code, status))
                    .put("status", status)
                    .put("code", code)
                    .put("detail", detail(response, status));
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(body));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the response committed: nothing more can be said
            }
        }

        private static String titleOf(String code, int status) {
            try {
                return ApiProblem.valueOf(code).title();
            } catch (IllegalArgumentException e) {
                return "HTTP " + status;
            }
        }

        private static String detail(Response response, int status) {
            String message = response.getMessage();
            if (message != null && !message.isBlank()) {
                return message;
            }
            return status == 400
                    ? "the server refused the HTTP request before reading it: an invalid character, an encoded '/' or"
                            + " NUL in the request target, headers too large, or malformed HTTP"
                    : "the server refused the request with status " + status;
        }
    }
}
