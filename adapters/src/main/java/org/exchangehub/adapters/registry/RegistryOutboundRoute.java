package org.exchangehub.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.outbound.AgencyMessage;
import org.exchangehub.adapters.outbound.PushDeliveryRoute;
import org.exchangehub.adapters.outbound.PushSettings;

/**
 * Pushes FILING, CONTRACT and TAX_CLEARANCE to the registry ({@code POST <registryUrl>/records}, body {@code {record,
 * receipt}} as the hub delivered them, since the registry verifies them through the hub) and publishes the
 * registration result its answer carries ({@code DJXX}) as REGISTRATION of agency {@code registry}.
 */
public class RegistryOutboundRoute extends PushDeliveryRoute {

    /** The agency name: receiver, publishing agency and route id prefix. */
    public static final String AGENCY = "registry";

    static final String RECORDS_PATH = "/records";

    private static final Set<String> TAKES = Set.of("FILING", "CONTRACT", "TAX_CLEARANCE");

    private final RegistrationMapping registrations = new RegistrationMapping();

    public RegistryOutboundRoute(PushSettings settings) {
        super(AGENCY, settings);
    }

    @Override
    protected AgencyMessage message(Delivery delivery) {
        if (!TAKES.contains(delivery.type())) {
            throw new IllegalArgumentException("the registry takes FILING, CONTRACT and TAX_CLEARANCE, not "
                    + delivery.type() + " " + delivery.id());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("record", delivery.record());
        body.set("receipt", delivery.receipt());
        return new AgencyMessage(RECORDS_PATH, body);
    }

    @Override
    protected Optional<CanonicalRecord> recordIn(JsonNode answer) {
        JsonNode result = answer.path("DJXX");
        return result.isObject() ? Optional.of(registrations.toRecord(result)) : Optional.empty();
    }
}
