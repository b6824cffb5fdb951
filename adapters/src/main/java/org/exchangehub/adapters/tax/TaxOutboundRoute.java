package org.exchangehub.adapters.tax;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.outbound.AgencyMessage;
import org.exchangehub.adapters.outbound.PushDeliveryRoute;
import org.exchangehub.adapters.outbound.PushSettings;

/**
 * Pushes CONTRACT ({@code POST <taxUrl>/contracts}) and FILING ({@code POST <taxUrl>/filings}) to the tax bureau and
 * publishes the voucher its answer carries ({@code WSPZ}) as TAX_CLEARANCE of agency {@code tax}.
 */
public class TaxOutboundRoute extends PushDeliveryRoute {

    /** The agency name: receiver, publishing agency and route id prefix. */
    public static final String AGENCY = "tax";

    private final TaxMessageMapping messages = new TaxMessageMapping();
    private final TaxVoucherMapping vouchers = new TaxVoucherMapping();

    public TaxOutboundRoute(PushSettings settings) {
        super(AGENCY, settings);
    }

    @Override
    protected AgencyMessage message(Delivery delivery) {
        return messages.message(delivery);
    }

    @Override
    protected Optional<CanonicalRecord> recordIn(JsonNode answer) {
        JsonNode voucher = answer.path("WSPZ");
        return voucher.isObject() ? Optional.of(vouchers.toRecord(voucher)) : Optional.empty();
    }
}
