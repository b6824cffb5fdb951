package org.exchangehub.adapters.portal;

import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.ListingUpdate;

/**
 * Turns each delivery to the portal into a {@link ListingUpdate} of its public view and hands it to the hub's public
 * listing; deliveries of types the portal does not show are taken and dropped.
 */
public class PortalOutboundRoute extends RouteBuilder {

    /** The receiver name and route id prefix. */
    public static final String AGENCY = "portal";

    public static final String ROUTE_ID = "portal-outbound";

    private final PortalOutboundSettings settings;
    private final PortalListingMapping listings = new PortalListingMapping();

    public PortalOutboundRoute(PortalOutboundSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void configure() {
        // a failure goes back to the hub's dispatcher, which retries it and keeps the error; Camel's handler would
        // only log each failed attempt once more
        errorHandler(noErrorHandler());
        from(settings.deliverUri())
                .routeId(ROUTE_ID)
                .process(this::toListingUpdate)
                .filter(body().isInstanceOf(ListingUpdate.class))
                .to(settings.listingUpdateUri())
                .end();
    }

    private void toListingUpdate(Exchange exchange) throws Exception {
        Delivery delivery = exchange.getMessage().getMandatoryBody(Delivery.class);
        exchange.getMessage().setBody(listings.update(delivery).orElse(null));
    }
}
