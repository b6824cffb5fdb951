package org.exchangehub.certs.keystore;

/** Key material that cannot be read or written: missing file, wrong password, wrong format; says which file. */
public class MaterialException extends RuntimeException {

    public MaterialException(String message) {
        super(message);
    }

    public MaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
