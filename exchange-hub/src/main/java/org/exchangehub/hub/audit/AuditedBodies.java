package org.exchangehub.hub.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Hands the audit filter what only Spring MVC sees: the request body as read (which record was published or verified),
 * the response body (the version assigned, a verification's verdict, a batch's per-record results) and a refusal's
 * problem code. It keeps references as request attributes; {@link AuditFilter} reads them after the call.
 */
@ControllerAdvice
class AuditedBodies extends RequestBodyAdviceAdapter implements ResponseBodyAdvice<Object> {

    static final String REQUEST_BODY = AuditedBodies.class.getName() + ".request";
    static final String RESPONSE_BODY = AuditedBodies.class.getName() + ".response";
    static final String PROBLEM_CODE = AuditedBodies.class.getName() + ".code";

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            attributes.getRequest().setAttribute(REQUEST_BODY, body);
        }
        return body;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest http = servlet.getServletRequest();
            if (body instanceof ProblemDetail problem) {
                if (problem.getProperties() != null && problem.getProperties().get("code") != null) {
                    http.setAttribute(
                            PROBLEM_CODE, problem.getProperties().get("code").toString());
                }
            } else {
                http.setAttribute(RESPONSE_BODY, body);
            }
        }
        return body;
    }
}
