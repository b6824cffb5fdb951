/**
 * Who is calling: agencies by client certificate on the mutual-TLS agency port (revocation from a CRL file re-read
 * while running), operators by login, anyone else anonymous and rate-limited on the public paths. The threat model and
 * the operator's recipes are in docs/security.md.
 */
@ApplicationModule(allowedDependencies = {"api"})
package org.exchangehub.hub.security;

import org.springframework.modulith.ApplicationModule;
