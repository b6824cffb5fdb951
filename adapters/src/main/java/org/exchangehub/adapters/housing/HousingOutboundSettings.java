package org.exchangehub.adapters.housing;

import java.util.Objects;
import javax.sql.DataSource;
import org.exchangehub.adapters.hub.HubEndpoints;

/**
 * Settings of {@link HousingOutboundRoute}.
 *
 * @param frontEndDatabase the housing bureau's front-end database (前置库) holding HUB_INBOX and FUNDS_RELEASE
 * @param deliverUri the endpoint the hub delivers on, {@code direct:deliver-housing}
 */
public record HousingOutboundSettings(DataSource frontEndDatabase, String deliverUri) {

    public HousingOutboundSettings {
        Objects.requireNonNull(frontEndDatabase, "frontEndDatabase");
        Objects.requireNonNull(deliverUri, "deliverUri");
    }

    /** The front-end database with the hub's standard endpoint. */
    public static HousingOutboundSettings of(DataSource frontEndDatabase) {
        return new HousingOutboundSettings(frontEndDatabase, HubEndpoints.deliver(HousingOutboundRoute.RECEIVER));
    }
}
