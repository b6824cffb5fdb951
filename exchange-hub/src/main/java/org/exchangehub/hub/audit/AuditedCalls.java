package org.exchangehub.hub.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.verify.Verification;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Turns a finished API call into its audit entries: the operation from the method and path, the record from the path
 * variables and the bodies {@link AuditedBodies} kept, the outcome from the status and problem code. A batch publish
 * that was answered record by record gives one entry per record, with that record's own outcome.
 */
final class AuditedCalls {

    private final ObjectMapper json;

    AuditedCalls(ObjectMapper json) {
        this.json = json;
    }

    /** Who called, as the audit records them. */
    record Actor(ActorKind kind, String name) {}

    List<AuditEvent> events(HttpServletRequest request, int status, Actor actor) {
        String path = path(request);
        AuditOperation operation = operation(request.getMethod(), path);
        AuditEvent event = new AuditEvent(
                actor.kind(),
                actor.name(),
                operation,
                request.getMethod() + " " + path,
                null,
                null,
                null,
                status,
                code(request, status));
        event = fromPath(event, request);
        Object requestBody = request.getAttribute(AuditedBodies.REQUEST_BODY);
        Object responseBody = request.getAttribute(AuditedBodies.RESPONSE_BODY);
        if (operation == AuditOperation.PUBLISH && requestBody instanceof List<?> items && status < 300) {
            return perRecord(event, items, responseBody);
        }
        if (requestBody instanceof PublishRequest publish) {
            event = event.withRecord(publish.type(), publish.id(), publish.version());
            if (status < 300 && responseBody != null) {
                JsonNode accepted = json.valueToTree(responseBody);
                event = event.withRecord(event.recordType(), event.recordId(), version(accepted.path("version")));
            }
        } else if (responseBody instanceof Verification verification) {
            event = event.withRecord(verification.type(), verification.id(), verification.version())
                    .withOutcome(status, verification.verdict().name());
        } else if (operation == AuditOperation.VERIFY && requestBody != null) {
            JsonNode record = json.valueToTree(requestBody).path("record");
            event = event.withRecord(
                    text(record.path("type")), text(record.path("id")), version(record.path("version")));
        }
        return List.of(event);
    }

    private List<AuditEvent> perRecord(AuditEvent call, List<?> items, Object responseBody) {
        JsonNode results = responseBody == null ? null : json.valueToTree(responseBody);
        if (items.isEmpty() || results == null || !results.isArray() || results.size() != items.size()) {
            return List.of(call);
        }
        List<AuditEvent> events = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode result = results.get(i);
            PublishRequest item =
                    items.get(i) instanceof PublishRequest p ? p : new PublishRequest(null, null, null, null);
            JsonNode accepted = result.path("accepted");
            Integer version = accepted.isObject() ? version(accepted.path("version")) : item.version();
            events.add(call.withRecord(item.type(), item.id(), version)
                    .withOutcome(result.path("status").asInt(call.status()), text(result.path("code"))));
        }
        return events;
    }

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static AuditOperation operation(String method, String path) {
        String[] parts =
                path.substring(Math.min(path.length(), "/api/v1/".length())).split("/");
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        return switch (parts[0]) {
            case "records" ->
                post && parts.length <= 2
                        ? AuditOperation.PUBLISH
                        : get && parts.length >= 3 ? AuditOperation.READ_RECORD : AuditOperation.OTHER;
            case "receipts" -> get ? AuditOperation.READ_RECEIPT : AuditOperation.OTHER;
            case "feed" -> get ? AuditOperation.READ_FEED : AuditOperation.OTHER;
            case "verify" -> post ? AuditOperation.VERIFY : AuditOperation.OTHER;
            case "portal" ->
                parts.length > 1 && "verify".equals(parts[1])
                        ? AuditOperation.VERIFY
                        : get ? AuditOperation.PORTAL_QUERY : AuditOperation.OTHER;
            case "deliveries" -> get ? AuditOperation.DELIVERY_STATUS : AuditOperation.OTHER;
            case "dead-letters" ->
                get ? AuditOperation.DEAD_LETTER_LIST : post ? AuditOperation.DEAD_LETTER_REPLAY : AuditOperation.OTHER;
            case "ledger" -> get ? AuditOperation.LEDGER_CHECK : AuditOperation.OTHER;
            default -> AuditOperation.OTHER;
        };
    }

    private static AuditEvent fromPath(AuditEvent event, HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)) {
            return event;
        }
        Object version = variables.get("version");
        Integer number = null;
        if (version != null) {
            try {
                number = Integer.valueOf(version.toString());
            } catch (NumberFormatException e) {
                number = null;
            }
        }
        Object type = variables.get("type");
        Object id = variables.get("id");
        return event.withRecord(type == null ? null : type.toString(), id == null ? null : id.toString(), number);
    }

    private static String code(HttpServletRequest request, int status) {
        if (request.getAttribute(AuditedBodies.PROBLEM_CODE) instanceof String code) {
            return code;
        }
        if (request.getAttribute(ApiProblem.REFUSED_ATTRIBUTE) instanceof ApiProblem problem) {
            return problem.name();
        }
        return status >= 400 ? "HTTP_" + status : null;
    }

    private static Integer version(JsonNode node) {
        return node.canConvertToInt() ? node.intValue() : null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }
}
