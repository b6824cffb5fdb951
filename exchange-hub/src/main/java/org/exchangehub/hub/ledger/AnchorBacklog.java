package org.exchangehub.hub.ledger;

/** What waits for the ledger, for its health: the notary's sealed batches not yet anchored. */
public interface AnchorBacklog {

    /** How many sealed batches are not anchored yet. */
    long sealedBatches();
}
