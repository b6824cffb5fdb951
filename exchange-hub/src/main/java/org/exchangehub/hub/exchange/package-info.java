/**
 * The agencies' exchange API: publish a record, read a record with its receipt, and page a record type's feed. It
 * writes no table: records go through {@code record}'s publisher, receipts come from {@code notary}, what a reader may
 * see from {@code policy}.
 */
@ApplicationModule(allowedDependencies = {"api", "notary", "policy", "record"})
package org.exchangehub.hub.exchange;

import org.springframework.modulith.ApplicationModule;
