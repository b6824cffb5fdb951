/**
 * The demo city (the README's run command): the tax and registry simulators as real HTTP servers, a seeded city loaded
 * into the housing bureau's exchange tables, and contracts, filings and cancellations kept flowing through the real
 * routes. On only when {@code hub.demo.enabled} (the {@code dev} profile).
 */
@ApplicationModule(allowedDependencies = {"agency", "security"})
package org.exchangehub.hub.demo;

import org.springframework.modulith.ApplicationModule;
