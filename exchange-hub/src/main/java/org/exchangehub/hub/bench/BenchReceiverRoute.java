package org.exchangehub.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Optional;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.outbound.AgencyMessage;
import org.exchangehub.adapters.outbound.PushDeliveryRoute;
import org.exchangehub.adapters.outbound.PushSettings;

/**
 * Phase (e)'s route for a receiver whose own route does not end at an HTTP server (the portal's updates the hub's
 * public listing, the housing bureau's writes its front-end database): it pushes each delivery as the adapters push to
 * any HTTP receiver, {@code POST <url>/deliveries} with {@code {record, receipt}}, so that its arrival can be timed.
 */
final class BenchReceiverRoute extends PushDeliveryRoute {

    BenchReceiverRoute(String receiver, URI url, String deliverUri) {
        super(
                receiver,
                new PushSettings(
                        url,
                        PushSettings.DEFAULT_CONNECT_TIMEOUT,
                        PushSettings.DEFAULT_READ_TIMEOUT,
                        deliverUri,
                        HubEndpoints.PUBLISH));
    }

    @Override
    protected AgencyMessage message(Delivery delivery) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("record", delivery.record());
        body.set("receipt", delivery.receipt());
        return new AgencyMessage("/deliveries", body);
    }

    @Override
    protected Optional<CanonicalRecord> recordIn(JsonNode answer) {
        return Optional.empty();
    }
}
