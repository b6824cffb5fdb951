package org.exchangehub.hub.api;

import org.springframework.http.HttpStatus;

/** Every refusal the hub's API gives, with its HTTP status; the name is the {@code code} in the problem+json body. */
public enum ApiProblem {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "The request is malformed"),
    JSON_DUPLICATE_MEMBER(HttpStatus.UNPROCESSABLE_ENTITY, "An object in the request names the same member twice"),
    JSON_UNKNOWN_MEMBER(HttpStatus.BAD_REQUEST, "The request has a member its type does not have"),
    JSON_NOT_CANONICALIZABLE(
            HttpStatus.UNPROCESSABLE_ENTITY, "The request holds JSON without an RFC 8785 canonical form that keeps it"),
    JSON_LIMIT_EXCEEDED(HttpStatus.PAYLOAD_TOO_LARGE, "The request's JSON is nested, long or large beyond the limits"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "The resource does not take this method"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "The resource cannot answer in an accepted media type"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The request body's media type is not accepted"),
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST, "The HTTP request is malformed (request target, headers or framing)"),
    TYPE_UNKNOWN(HttpStatus.BAD_REQUEST, "Unknown record type"),
    AGENCY_UNKNOWN(HttpStatus.UNAUTHORIZED, "The calling agency is not identified"),
    PUBLISH_NOT_ALLOWED(HttpStatus.FORBIDDEN, "This agency may not publish this record type"),
    OPERATION_NOT_ALLOWED(HttpStatus.FORBIDDEN, "The policy does not allow this agency this operation on this type"),
    CERTIFICATE_REVOKED(HttpStatus.UNAUTHORIZED, "The client certificate is revoked"),
    CERTIFICATE_NOT_MAPPED(HttpStatus.UNAUTHORIZED, "The client certificate names no agency"),
    OPERATOR_LOGIN_REQUIRED(HttpStatus.UNAUTHORIZED, "Operators only: log in"),
    OPERATOR_ONLY(HttpStatus.FORBIDDEN, "Operators only"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests from this address"),
    SOURCE_SIGNATURE_REQUIRED(HttpStatus.FORBIDDEN, "The policy requires this agency to sign what it publishes"),
    SOURCE_SIGNATURE_INVALID(HttpStatus.UNPROCESSABLE_ENTITY, "The source signature does not verify"),
    MASKED_VIEW(HttpStatus.UNPROCESSABLE_ENTITY, "A masked view cannot be verified as the original record"),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "The record is larger than allowed"),
    PAYLOAD_INVALID(HttpStatus.UNPROCESSABLE_ENTITY, "The payload does not match the record type's schema"),
    ID_MISMATCH(HttpStatus.UNPROCESSABLE_ENTITY, "The record id differs from the payload's key field"),
    VERSION_CONFLICT(HttpStatus.CONFLICT, "This version exists with different content"),
    VERSION_GAP(HttpStatus.CONFLICT, "Versions must follow each other without gaps"),
    RECORD_REVOKED(HttpStatus.CONFLICT, "The record was revoked and takes no new versions"),
    UNIT_HAS_ACTIVE_CONTRACT(HttpStatus.CONFLICT, "The unit already has an active contract"),
    RECORD_NOT_FOUND(HttpStatus.NOT_FOUND, "No such record"),
    RECEIPT_NOT_FOUND(HttpStatus.NOT_FOUND, "No such receipt"),
    DELIVERY_NOT_FOUND(HttpStatus.NOT_FOUND, "No such delivery"),
    DEAD_LETTER_NOT_FOUND(HttpStatus.NOT_FOUND, "No such dead letter"),
    DELIVERY_NOT_DEAD(HttpStatus.CONFLICT, "The delivery is not parked as a dead letter"),
    RECEIVER_UNKNOWN(HttpStatus.NOT_FOUND, "No such receiver"),
    LEDGER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The ledger cannot be reached"),
    AUDIT_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The call could not be written to the audit log");

    /**
     * The request attribute a servlet filter sets to the {@link ApiProblem} it refused a request with (Spring MVC's
     * refusals are seen in their problem body), so the audit log records the refusal's code.
     */
    public static final String REFUSED_ATTRIBUTE = ApiProblem.class.getName();

    private final HttpStatus status;
    private final String title;

    ApiProblem(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
