package org.exchangehub.adapters.outbound;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubHeaders;

/**
 * The route of an agency that takes deliveries by HTTP push and may answer with a record of its own: map the {@link
 * Delivery} to the agency's message, push it, and publish the record the answer carries as that agency's.
 *
 * <p>Any failure propagates, so the hub retries the delivery and at last parks it with the reason: a push the agency
 * refused ({@link PushFailedException} with its status and answer), or a record the hub refused ({@link
 * org.exchangehub.adapters.hub.RecordRefusedException}). A repeated delivery is pushed again with the same delivery
 * id; the agency answers it as before, and the hub stores no new version for the same content published again.
 */
public abstract class PushDeliveryRoute extends RouteBuilder {

    /** Money and rates stay decimal from the agency's answer to the published payload. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final String agency;
    private final PushSettings settings;
    private final HttpPush push;

    protected PushDeliveryRoute(String agency, PushSettings settings) {
        this.agency = Objects.requireNonNull(agency, "agency");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.push = new HttpPush(settings.connectTimeout(), settings.readTimeout());
    }

    /** The agency's message for a delivery; throws for a record type the agency does not take. */
    protected abstract AgencyMessage message(Delivery delivery);

    /** The record the agency's (2xx) answer carries, to publish as the agency's; empty when it carries none. */
    protected abstract Optional<CanonicalRecord> recordIn(JsonNode answer);

    /** The route id, {@code <agency>-outbound}. */
    public String routeId() {
        return agency + "-outbound";
    }

    @Override
    public void configure() {
        // a failure goes back to the hub's dispatcher, which retries it and keeps the error; Camel's handler would
        // only log each failed attempt once more
        errorHandler(noErrorHandler());
        from(settings.deliverUri())
                .routeId(routeId())
                .process(this::push)
                .filter(body().isInstanceOf(CanonicalRecord.class))
                .to(settings.publishUri())
                .end();
    }

    private void push(Exchange exchange) throws Exception {
        Delivery delivery = exchange.getMessage().getMandatoryBody(Delivery.class);
        AgencyMessage message = message(delivery);
        String answer = push.post(
                settings.resolve(message.path()), delivery.deliveryId(), JSON.writeValueAsString(message.body()));
        Optional<CanonicalRecord> record = answer.isBlank() ? Optional.empty() : recordIn(parse(answer));
        exchange.getMessage().setHeader(HubHeaders.AGENCY, agency);
        exchange.getMessage().setHeader(HubHeaders.SOURCE_REF, agency + "-delivery:" + delivery.deliveryId());
        exchange.getMessage().setBody(record.orElse(null));
    }

    private JsonNode parse(String answer) {
        try {
            return JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(agency + " answered with something that is not JSON: " + answer, e);
        }
    }
}
