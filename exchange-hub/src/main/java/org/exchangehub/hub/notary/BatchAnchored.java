package org.exchangehub.hub.notary;

/**
 * Published (synchronously, inside the transaction that records it) when a batch's root is on the ledger, so that
 * what follows from anchoring, such as deliveries, commits or rolls back with it. The batch holds the log positions
 * {@code firstPosition} to {@code firstPosition + leafCount - 1}.
 */
public record BatchAnchored(String batchId, long firstPosition, int leafCount) {}
