package org.exchangehub.hub.policy;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.record.RecordType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Decides whether an agency may do an operation on a record type, from {@link PolicyProperties}: deny unless granted.
 * Every API path and the in-process adapters' {@code direct:publish} ask it, so no agency publishes, reads, pages or
 * verifies beyond its grants whichever way it connects.
 */
@Component
@EnableConfigurationProperties(PolicyProperties.class)
public class AccessPolicy {

    private final PolicyProperties properties;

    public AccessPolicy(PolicyProperties properties) {
        this.properties = properties;
    }

    public boolean allows(String agency, Operation operation, RecordType type) {
        return grants(agency).map(g -> g.types(operation).contains(type)).orElse(false);
    }

    /** Whether the agency has the operation on at least one type (a digest-only verify names no type). */
    public boolean allowsAny(String agency, Operation operation) {
        return grants(agency).map(g -> !g.types(operation).isEmpty()).orElse(false);
    }

    /** @throws ApiException 403 (PUBLISH_NOT_ALLOWED or OPERATION_NOT_ALLOWED) unless allowed */
    public void require(String agency, Operation operation, RecordType type) {
        if (!allows(agency, operation, type)) {
            throw new ApiException(
                    operation == Operation.PUBLISH ? ApiProblem.PUBLISH_NOT_ALLOWED : ApiProblem.OPERATION_NOT_ALLOWED,
                    "agency '" + agency + "' may not " + operation.name().toLowerCase(java.util.Locale.ROOT) + " "
                            + type + " records; its grants: " + describe(agency),
                    Map.of("agency", agency, "operation", operation.name(), "recordType", type.name()));
        }
    }

    /** @throws ApiException 403 OPERATION_NOT_ALLOWED unless the agency has the operation on some type */
    public void requireAny(String agency, Operation operation) {
        if (!allowsAny(agency, operation)) {
            throw new ApiException(
                    ApiProblem.OPERATION_NOT_ALLOWED,
                    "agency '" + agency + "' may not " + operation.name().toLowerCase(java.util.Locale.ROOT)
                            + " any record type",
                    Map.of("agency", agency, "operation", operation.name()));
        }
    }

    /** Whether the agency's records must carry its own source signature. */
    public boolean requiresSourceSignature(String agency) {
        return grants(agency)
                .map(PolicyProperties.Grants::requireSourceSignature)
                .orElse(false);
    }

    /** Whether personal fields are masked in what the agency reads and receives. */
    public boolean masked(String agency) {
        return grants(agency).map(PolicyProperties.Grants::masked).orElse(true);
    }

    /** The whole policy, as the API shows it: agency → operation → sorted types, and its flags. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        properties.agencies().keySet().forEach(agency -> view.put(agency, describe(agency)));
        return view;
    }

    /** One agency's grants, as the API shows them (empty grants for an unknown agency: deny by default). */
    public Map<String, Object> describe(String agency) {
        Map<String, Object> view = new LinkedHashMap<>();
        PolicyProperties.Grants grants = grants(agency).orElse(null);
        Map<Operation, Set<String>> operations = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            Set<String> types = new TreeSet<>();
            if (grants != null) {
                grants.types(operation).forEach(t -> types.add(t.name()));
            }
            operations.put(operation, types);
        }
        operations.forEach((operation, types) -> view.put(operation.name().toLowerCase(java.util.Locale.ROOT), types));
        view.put("requireSourceSignature", grants != null && grants.requireSourceSignature());
        view.put("masked", grants == null || grants.masked());
        return view;
    }

    private Optional<PolicyProperties.Grants> grants(String agency) {
        return Optional.ofNullable(properties.agencies().get(agency));
    }
}
