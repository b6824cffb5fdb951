package org.exchangehub.certs.digest;

/** An algorithm name that this library does not know; the message lists the names it does. */
public class UnknownAlgorithmException extends IllegalArgumentException {

    private final String requested;

    public UnknownAlgorithmException(String kind, String requested, String accepted) {
        super("unknown " + kind + " algorithm '" + requested + "'; expected one of: " + accepted);
        this.requested = requested;
    }

    /** The name that was asked for, as given (may be null). */
    public String requested() {
        return requested;
    }
}
