/**
 * The tamper-evident audit log: one hash-chained entry per API call, refusal and adapter publish, the chain head
 * anchored on the ledger every N entries or T seconds, and a check (API and {@code audit-check} command) that names the
 * first entry altered, missing or out of order. See docs/audit.md.
 */
@ApplicationModule(allowedDependencies = {"api", "ledger", "record", "storage", "verify"})
package org.exchangehub.hub.audit;

import org.springframework.modulith.ApplicationModule;
