/**
 * The hub's command line and the jar's entry point: {@code verify}, {@code audit-check}, {@code ledger-check} and
 * {@code bench} are run here, anything else starts the hub. The commands live with their modules; this module only
 * lists them, and nothing depends on it.
 */
@ApplicationModule(allowedDependencies = {"audit", "bench", "verify"})
package org.exchangehub.hub.cli;

import org.springframework.modulith.ApplicationModule;
