package org.exchangehub.merkle;

import java.util.HexFormat;

/** The proof was well formed and checked, and the root it leads to is not the expected one. */
public final class RootMismatchException extends InclusionProofException {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] expectedRoot;
    private final byte[] calculatedRoot;

    public RootMismatchException(byte[] expectedRoot, byte[] calculatedRoot) {
        super("calculated root " + HEX.formatHex(calculatedRoot) + " does not match expected root "
                + HEX.formatHex(expectedRoot));
        this.expectedRoot = expectedRoot.clone();
        this.calculatedRoot = calculatedRoot.clone();
    }

    /** The root the caller expected (for a batch: the one anchored on the ledger). */
    public byte[] expectedRoot() {
        return expectedRoot.clone();
    }

    /** The root the leaf hash and the path lead to. */
    public byte[] calculatedRoot() {
        return calculatedRoot.clone();
    }
}
