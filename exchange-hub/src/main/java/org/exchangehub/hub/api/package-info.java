/**
 * The HTTP API's common ground, which every module that answers a request uses: the refusals ({@link
 * org.exchangehub.hub.api.ApiProblem}, {@link org.exchangehub.hub.api.ApiException}) and their problem+json body, strict
 * request JSON, the request size limit and who the calling agency is. It depends on no other module: a module whose own
 * exception means an API problem maps it itself (the ledger's LedgerProblems).
 */
@ApplicationModule(allowedDependencies = {})
package org.exchangehub.hub.api;

import org.springframework.modulith.ApplicationModule;
