package org.exchangehub.certs.canonical;

/** JSON that has no RFC 8785 canonical form: malformed, duplicate keys, NaN/Infinity, lone surrogates, bad UTF-8. */
public class CanonicalizationException extends IllegalArgumentException {

    public CanonicalizationException(String message) {
        super(message);
    }

    public CanonicalizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
