package org.exchangehub.adapters.outbound;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.hub.PublishResult;
import org.exchangehub.adapters.hub.RecordRefusedException;

/** Stands in for the hub on {@code direct:publish}: keeps what is published and answers with a PublishResult. */
public final class PublishStandIn extends RouteBuilder {

    /** A record published, with the headers it came with. */
    public record Published(CanonicalRecord record, String agency, String sourceRef) {}

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private volatile RecordRefusedException refusal;

    public List<Published> published() {
        return List.copyOf(published);
    }

    /** From now on, refuse every record with this exception, as the hub would for a business rule. */
    public void refuseWith(RecordRefusedException refusal) {
        this.refusal = refusal;
    }

    @Override
    public void configure() {
        from(HubEndpoints.PUBLISH).routeId("publish-stand-in").process(this::publish);
    }

    private void publish(Exchange exchange) throws Exception {
        CanonicalRecord record = exchange.getMessage().getMandatoryBody(CanonicalRecord.class);
        if (refusal != null) {
            throw refusal;
        }
        published.add(new Published(
                record,
                exchange.getMessage().getHeader(HubHeaders.AGENCY, String.class),
                exchange.getMessage().getHeader(HubHeaders.SOURCE_REF, String.class)));
        exchange.getMessage()
                .setBody(new PublishResult(record.type(), record.id(), published.size(), "R-" + record.id(), true));
    }
}
