/**
 * Who may do what: the access policy (agency × record type × operation, deny by default), whether an agency must sign
 * what it publishes, and the field masking applied on the way out to readers not entitled to personal data.
 */
@ApplicationModule(allowedDependencies = {"api", "record", "security"})
package org.exchangehub.hub.policy;

import org.springframework.modulith.ApplicationModule;
