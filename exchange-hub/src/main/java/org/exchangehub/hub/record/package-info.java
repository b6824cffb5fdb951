/**
 * Record versions: the publisher (checks, canonical form, digest, business rules) and the append-only store of
 * versions, the one-active-contract-per-unit index and the source signatures. Appending says so with {@link
 * org.exchangehub.hub.record.RecordsAppended}, inside the appending transaction; this module knows nothing of what
 * follows (notarization, delivery).
 */
@ApplicationModule(allowedDependencies = {"api", "storage"})
package org.exchangehub.hub.record;

import org.springframework.modulith.ApplicationModule;
