package org.exchangehub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import org.exchangehub.hub.audit.ActorKind;
import org.exchangehub.hub.audit.AuditEvent;
import org.exchangehub.hub.audit.AuditLog;
import org.exchangehub.hub.audit.AuditOperation;
import org.springframework.stereotype.Component;

/**
 * Writes what the pages do to the audit log, as the API's audit filter does for the same operations: verifications
 * (with their verdict) by anyone, and dead-letter replays by the operator who pressed the button. Browsing the public
 * listing is not recorded; it shows only public views.
 */
@Component
class PageAudit {

    private final AuditLog audit;

    PageAudit(AuditLog audit) {
        this.audit = audit;
    }

    void verified(HttpServletRequest request, VerifyView view) {
        var v = view.verification();
        audit.append(new AuditEvent(
                actorKind(request),
                actor(request),
                AuditOperation.VERIFY,
                request.getMethod() + " " + request.getRequestURI(),
                v == null ? null : v.type(),
                v == null ? null : v.id(),
                v == null ? null : v.version(),
                200,
                view.verdict()));
    }

    void replayed(HttpServletRequest request, String recordType, String recordId, int status, String code) {
        audit.append(new AuditEvent(
                actorKind(request),
                actor(request),
                AuditOperation.DEAD_LETTER_REPLAY,
                request.getMethod() + " " + request.getRequestURI(),
                recordType,
                recordId,
                null,
                status,
                code));
    }

    private static ActorKind actorKind(HttpServletRequest request) {
        return request.getRemoteUser() != null ? ActorKind.OPERATOR : ActorKind.ANONYMOUS;
    }

    private static String actor(HttpServletRequest request) {
        return request.getRemoteUser() != null ? request.getRemoteUser() : request.getRemoteAddr();
    }
}
