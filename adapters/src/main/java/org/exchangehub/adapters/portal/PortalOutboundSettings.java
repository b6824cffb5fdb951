package org.exchangehub.adapters.portal;

import java.util.Objects;
import org.exchangehub.adapters.hub.HubEndpoints;

/**
 * Settings of {@link PortalOutboundRoute}.
 *
 * @param deliverUri the endpoint the hub delivers on, {@code direct:deliver-portal}
 * @param listingUpdateUri where the public views go, {@link HubEndpoints#LISTING_UPDATE}
 */
public record PortalOutboundSettings(String deliverUri, String listingUpdateUri) {

    public PortalOutboundSettings {
        Objects.requireNonNull(deliverUri, "deliverUri");
        Objects.requireNonNull(listingUpdateUri, "listingUpdateUri");
    }

    /** The hub's standard endpoints. */
    public static PortalOutboundSettings defaults() {
        return new PortalOutboundSettings(
                HubEndpoints.deliver(PortalOutboundRoute.AGENCY), HubEndpoints.LISTING_UPDATE);
    }
}
