package org.exchangehub.hub;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The hub's packages as Spring Modulith sees them: each direct sub-package of {@code org.exchangehub.hub} is a module,
 * its top-level package is its API and its sub-packages are internal. docs/modules.md is the map this test keeps true.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(ExchangeHubApplication.class);

    @Test
    void modulesFormNoCycleAndReachNoOtherModulesInternals() {
        MODULES.verify();
    }

    /** Writes the module canvases and component diagrams to target/spring-modulith-docs (not committed). */
    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES).writeDocumentation();
    }
}
