/**
 * Verification: a record and its receipt checked against the hub's own receipt and the ledger (GENUINE, TAMPERED,
 * UNKNOWN, SUPERSEDED, REVOKED, PENDING), through the API and offline from a data directory or a Fabric network
 * ({@code verify}); the data directory opened from outside the hub, which {@code audit-check} and {@code ledger-check}
 * also use.
 */
@ApplicationModule(
        allowedDependencies = {
            "api",
            "ledger",
            "ledger :: embedded",
            "ledger :: fabric",
            "notary",
            "policy",
            "record",
            "security"
        })
package org.exchangehub.hub.verify;

import org.springframework.modulith.ApplicationModule;
