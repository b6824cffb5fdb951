package org.exchangehub.certs.ca;

/**
 * A certificate revocation list that must not be used: not signed by the CA it is checked against, issued by another
 * CA, or unreadable as a CRL. The message says which file and why.
 */
public class RevocationListException extends RuntimeException {

    public RevocationListException(String message) {
        super(message);
    }

    public RevocationListException(String message, Throwable cause) {
        super(message, cause);
    }
}
