package org.exchangehub.certs.sign;

/** A key that cannot be used with the requested signature algorithm: wrong type, wrong curve, or unreadable. */
public class UnsuitableKeyException extends IllegalArgumentException {

    public UnsuitableKeyException(String message) {
        super(message);
    }

    public UnsuitableKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
