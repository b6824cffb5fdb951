/**
 * Notarization and the record log: the queue of appended versions to seal, the log (dense positions given at
 * sealing, one sealer at a time), Merkle batches as ranges of the log with the hub's signed tree heads, anchoring on
 * the ledger, and receipts with proofs computed from the log (ADR 8).
 */
@ApplicationModule(allowedDependencies = {"ledger", "record", "security"})
package org.exchangehub.hub.notary;

import org.springframework.modulith.ApplicationModule;
