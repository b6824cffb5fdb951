/**
 * Where the agencies' Camel adapters meet the hub: the {@code direct:publish} and {@code direct:listing-update}
 * endpoints the hub serves, and the configuration that connects each agency's routes ({@code hub.agencies.*}).
 */
@ApplicationModule(allowedDependencies = {"api", "audit", "record"})
package org.exchangehub.hub.agency;

import org.springframework.modulith.ApplicationModule;
