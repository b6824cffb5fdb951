package org.exchangehub.hub.api;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds the refusals of {@link RequestJson} to the OpenAPI description of every operation that reads a JSON body, so
 * that each endpoint does not repeat them (docs/api.md). An operation's own description of a status comes first.
 */
@Component
class JsonBodyRefusals implements OperationCustomizer {

    private static final Map<String, String> REFUSALS = Map.of(
            "400",
            "BAD_REQUEST (malformed JSON, wrong types), JSON_UNKNOWN_MEMBER (a member the request does not have;"
                    + " property pointer)",
            "413",
            "PAYLOAD_TOO_LARGE, JSON_LIMIT_EXCEEDED (nesting, number, string or document beyond the reader's limits;"
                    + " docs/api.md)",
            "415",
            "UNSUPPORTED_MEDIA_TYPE: the body is not application/json",
            "422",
            "JSON_DUPLICATE_MEMBER (a member named twice, at any depth), JSON_NOT_CANONICALIZABLE (a value without an"
                    + " RFC 8785 form that keeps it: 1e400, 2^53+1, a lone surrogate), with property pointer");

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        boolean readsBody = Arrays.stream(handlerMethod.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        if (!readsBody) {
            return operation;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        REFUSALS.forEach((status, description) -> {
            ApiResponse response = operation.getResponses().get(status);
            if (response == null) {
                operation
                        .getResponses()
                        .addApiResponse(
                                status,
                                new ApiResponse()
                                        .description(description)
                                        .content(new Content()
                                                .addMediaType("application/problem+json", new MediaType())));
            } else {
                response.setDescription(response.getDescription() + "; " + description);
            }
        });
        return operation;
    }
}
