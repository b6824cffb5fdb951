package org.exchangehub.hub.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.exchangehub.hub.api.AgencyResolver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The access policy as the hub applies it: all of it for operators, its own grants for an agency. */
@Tag(name = "policy")
@RestController
class PolicyController {

    private final AccessPolicy policy;
    private final AgencyResolver agencies;

    PolicyController(AccessPolicy policy, AgencyResolver agencies) {
        this.policy = policy;
        this.agencies = agencies;
    }

    @Operation(summary = "The whole policy: per agency the types it may publish, read, feed and verify (operators)")
    @GetMapping("/api/v1/policy")
    Map<String, Object> all() {
        return policy.view();
    }

    @Operation(summary = "The calling agency's own grants")
    @GetMapping("/api/v1/policy/me")
    Map<String, Object> mine(HttpServletRequest http) {
        String agency = agencies.agency(http);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("agency", agency);
        view.putAll(policy.describe(agency));
        return view;
    }
}
