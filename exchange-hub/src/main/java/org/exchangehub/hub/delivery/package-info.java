/**
 * Guaranteed delivery: subscriptions (which receiver gets which record types, pushed or pulled), a cursor per push
 * receiver over the record log (nothing written per record on the anchoring path), a dispatcher that leases a
 * receiver's cursor and hands it the anchored records of its types in log order through its outbound route ({@code
 * direct:deliver-<receiver>}), and a row only for a delivery that failed: retried with exponential backoff, then a dead
 * letter an operator can list, inspect and replay.
 */
@ApplicationModule(allowedDependencies = {"api", "notary", "policy", "record"})
package org.exchangehub.hub.delivery;

import org.springframework.modulith.ApplicationModule;
