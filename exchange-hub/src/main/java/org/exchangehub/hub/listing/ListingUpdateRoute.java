package org.exchangehub.hub.listing;

import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.ListingUpdate;
import org.springframework.stereotype.Component;

/** Serves {@code direct:listing-update}: the portal adapter's public views go into the listing. */
@Component
class ListingUpdateRoute extends RouteBuilder {

    private final ListingStore store;

    ListingUpdateRoute(ListingStore store) {
        this.store = store;
    }

    @Override
    public void configure() {
        from(HubEndpoints.LISTING_UPDATE)
                .routeId("hub-listing-update")
                .process(exchange -> store.apply(exchange.getMessage().getMandatoryBody(ListingUpdate.class)));
    }
}
