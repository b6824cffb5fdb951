package org.exchangehub.hub.record;

import java.util.List;

/**
 * Record versions were appended: published synchronously inside the appending transaction, so that what must follow
 * every accepted version (its notarization) commits with it or not at all. Versions in the order they were appended.
 */
public record RecordsAppended(List<Version> versions) {

    /** An appended version: its row's sequence number, its type, and the digest to notarize. */
    public record Version(long seq, RecordType type, String digest, String hashAlgorithm) {}
}
