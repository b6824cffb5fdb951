/**
 * The contract between the adapters and the hub: the Camel endpoints the hub serves ({@code direct:publish}) and calls
 * ({@code direct:deliver-<receiver>}), the headers on them, and the messages they carry. Adapters depend on this
 * package only, never on the hub, so each adapter is testable alone with a stand-in for {@code direct:publish}.
 */
package org.exchangehub.adapters.hub;
