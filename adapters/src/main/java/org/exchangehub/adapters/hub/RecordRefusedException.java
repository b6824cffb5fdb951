package org.exchangehub.adapters.hub;

/**
 * The hub refused a record for what it is (schema, rights, business rule such as 一房两卖): sending it again will be
 * refused again, so an inbound route marks it failed with this reason instead of retrying.
 */
public class RecordRefusedException extends RuntimeException {

    private final String code;

    public RecordRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The hub's problem code, e.g. {@code PAYLOAD_INVALID} or {@code UNIT_HAS_ACTIVE_CONTRACT}. */
    public String code() {
        return code;
    }

    /** The reason as stored for an agency to read: code and message. */
    public String reason() {
        return code + ": " + getMessage();
    }
}
