package org.exchangehub.merkle;

/** Why an inclusion proof was not accepted: either it was checked and is false, or it could not be checked. */
public abstract sealed class InclusionProofException extends Exception
        permits RootMismatchException, MalformedProofException {

    InclusionProofException(String message) {
        super(message);
    }
}
