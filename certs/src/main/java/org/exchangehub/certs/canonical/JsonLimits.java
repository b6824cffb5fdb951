package org.exchangehub.certs.canonical;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The largest JSON the canonicalizer reads, and the hub's request reader with it: whatever one accepts, the other can
 * canonicalize. Records are small and flat; these bounds are far above any real one and far below what would exhaust
 * the stack or the heap.
 */
public final class JsonLimits {

    /** Arrays and objects nested in each other. */
    public static final int MAX_NESTING_DEPTH = 100;

    /** Characters of one number token: enough for any double written out in full (~770), not for a megabyte of 9s. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    /** Characters of one string value. */
    public static final int MAX_STRING_LENGTH = 4 * 1024 * 1024;

    /** Characters of one member name. */
    public static final int MAX_NAME_LENGTH = 1024;

    /** Bytes (or characters) of one document: the API's largest request body by default (a batch of records). */
    public static final long MAX_DOCUMENT_LENGTH = 16L * 1024 * 1024;

    private JsonLimits() {}

    /** These limits for a Jackson parser. */
    public static StreamReadConstraints streamReadConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .build();
    }
}
