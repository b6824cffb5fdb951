package org.exchangehub.hub.audit;

/**
 * What happened, before it is chained: who did what to which record, and the outcome.
 *
 * @param request the method and path (e.g. {@code GET /api/v1/records/UNIT/FW-1}), or the endpoint for adapters
 *     ({@code direct:publish}); never the query string or body
 * @param status the HTTP status (for adapters: the status the REST API would have answered)
 * @param code the problem code of a refusal, the verdict of a verification, else null
 */
public record AuditEvent(
        ActorKind actorKind,
        String actor,
        AuditOperation operation,
        String request,
        String recordType,
        String recordId,
        Integer recordVersion,
        int status,
        String code) {

    static final int MAX_REQUEST = 600;

    public AuditEvent {
        actor = clip(actor, 128);
        request = clip(request, MAX_REQUEST);
        recordType = clip(recordType, 32);
        recordId = clip(recordId, 128);
        code = clip(code, 64);
    }

    AuditEvent withRecord(String type, String id, Integer version) {
        return new AuditEvent(actorKind, actor, operation, request, type, id, version, status, code);
    }

    AuditEvent withOutcome(int newStatus, String newCode) {
        return new AuditEvent(
                actorKind, actor, operation, request, recordType, recordId, recordVersion, newStatus, newCode);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
