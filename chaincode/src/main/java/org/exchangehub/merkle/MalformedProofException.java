package org.exchangehub.merkle;

/**
 * The proof's input is malformed, so nothing was checked: index not below the tree size, a path of the wrong length
 * for that index and size, or a hash of the wrong length.
 */
public final class MalformedProofException extends InclusionProofException {

    public MalformedProofException(String message) {
        super(message);
    }
}
