/**
 * Who is calling: agencies by client certificate on the mutual-TLS agency port (revocation from a CRL file re-read
 * while running), operators by login, anyone else anonymous and rate-limited on the public paths. The threat model and
 * the operator's recipes are in docs/security.md.
 */
// notary: only for HubSigner.developmentPki(dataDir), the development PKI, which belongs here rather than in notary
// (notary's HubSigner should ask security for it); docs/modules.md lists it as the one edge left to invert.
@ApplicationModule(allowedDependencies = {"api", "notary"})
package org.exchangehub.hub.security;

import org.springframework.modulith.ApplicationModule;
