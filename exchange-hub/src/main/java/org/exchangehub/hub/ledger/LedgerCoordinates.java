package org.exchangehub.hub.ledger;

/** Where a transaction lies on a ledger: enough for anyone with ledger access to look it up. */
public record LedgerCoordinates(LedgerMode mode, String channel, String transactionId, long blockNumber) {}
