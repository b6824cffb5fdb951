package org.exchangehub.adapters.inbound;

/** A native record that cannot become a canonical record; like a refusal, sending it again will not help. */
public class MappingException extends RuntimeException {

    /** The problem code stored with a rejected native record, next to the hub's own codes. */
    public static final String CODE = "NATIVE_VALUE_INVALID";

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The reason as stored for an agency to read: code and message. */
    public String reason() {
        return CODE + ": " + getMessage();
    }
}
