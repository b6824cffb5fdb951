package org.exchangehub.adapters.inbound;

/** An export file that cannot be read at all (not XML, wrong CSV header): it goes to the error folder whole. */
public class UnreadableFileException extends Exception {

    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
