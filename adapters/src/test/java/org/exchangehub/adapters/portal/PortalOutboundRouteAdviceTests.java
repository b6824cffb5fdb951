package org.exchangehub.adapters.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.hub.ListingUpdate;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code portal-outbound} route, advised so that the hub's {@code direct:listing-update} is a mock: what
 * reaches the public listing is each type's public view and nothing personal.
 */
class PortalOutboundRouteAdviceTests {

    /** The fake persons of {@link SampleRecords}: names, id numbers, phone. */
    private static final String[] PERSONAL = {"张伟", "李娜", "990101199001011234", "99010119920315002X", "13900000001"};

    private CamelContext camel;
    private ProducerTemplate producer;
    private MockEndpoint listing;

    @BeforeEach
    void adviseAndStart() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new PortalOutboundRoute(PortalOutboundSettings.defaults()));
        AdviceWith.adviceWith(
                camel,
                PortalOutboundRoute.ROUTE_ID,
                route -> route.weaveByToUri(HubEndpoints.LISTING_UPDATE)
                        .replace()
                        .to("mock:listing"));
        camel.start();
        producer = camel.createProducerTemplate();
        listing = camel.getEndpoint("mock:listing", MockEndpoint.class);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    private void deliver(Delivery delivery) {
        producer.requestBodyAndHeader(
                HubEndpoints.deliver("portal"), delivery, HubHeaders.DELIVERY_ID, delivery.deliveryId());
    }

    private static Delivery delivery(String type, String keyField, int version, JsonNode payload) {
        return SampleRecords.delivery("D-" + type, "portal", type, keyField, version, payload);
    }

    private ListingUpdate update(int index) {
        return listing.getExchanges().get(index).getMessage().getBody(ListingUpdate.class);
    }

    private void deliverOneOfEachListedType() {
        deliver(delivery("PROJECT", "projectId", 1, SampleRecords.project()));
        deliver(delivery("BUILDING", "buildingId", 1, SampleRecords.building()));
        deliver(delivery("UNIT", "houseCode", 1, SampleRecords.unit()));
        deliver(delivery("CONTRACT", "contractNo", 3, SampleRecords.contract()));
        deliver(delivery("FILING", "filingNo", 1, SampleRecords.filing()));
    }

    @Test
    void eachListedTypeReachesTheListingAsItsPublicViewWithVersionAndReceipt() throws Exception {
        listing.expectedMessageCount(5);

        deliverOneOfEachListedType();

        listing.assertIsSatisfied();
        assertThat(update(0).view()).isEqualTo(SampleRecords.project());
        assertThat(update(1).view()).isEqualTo(SampleRecords.building());
        assertThat(update(2).view()).isEqualTo(SampleRecords.unit());
        assertThat(update(3).view()).isEqualTo(SampleRecords.parse("""
                {"contractNo": "HT-2026-000123", "houseCode": "320105001017-B03-1203",
                 "status": "SIGNED", "signedDate": "2026-04-02"}
                """));
        assertThat(update(4).view()).isEqualTo(SampleRecords.filing());
        ListingUpdate contract = update(3);
        assertThat(contract.type()).isEqualTo("CONTRACT");
        assertThat(contract.id()).isEqualTo("HT-2026-000123");
        assertThat(contract.version()).isEqualTo(3);
        assertThat(contract.receiptId()).isEqualTo("R-CONTRACT-HT-2026-000123-3");
    }

    @Test
    void aCancelledContractShowsItsStatusAndDateButNoBuyerSellerOrPrice() throws Exception {
        listing.expectedMessageCount(1);

        deliver(delivery("CONTRACT", "contractNo", 2, SampleRecords.cancelledContract()));

        listing.assertIsSatisfied();
        assertThat(update(0).view()).isEqualTo(SampleRecords.parse("""
                {"contractNo": "HT-2026-000123", "houseCode": "320105001017-B03-1203",
                 "status": "CANCELLED", "signedDate": "2026-04-02", "cancelledDate": "2026-04-05"}
                """));
    }

    @Test
    void noMessageTheListingGetsCarriesANameIdNumberOrPhone() throws Exception {
        listing.expectedMessageCount(6);

        deliverOneOfEachListedType();
        deliver(delivery("CONTRACT", "contractNo", 2, SampleRecords.cancelledContract()));
        deliver(delivery("TAX_CLEARANCE", "voucherNo", 1, SampleRecords.taxClearance()));
        deliver(delivery("REGISTRATION", "certificateNo", 1, SampleRecords.registration()));

        listing.assertIsSatisfied();
        for (Exchange exchange : listing.getReceivedExchanges()) {
            String message =
                    SampleRecords.JSON.writeValueAsString(exchange.getMessage().getBody(ListingUpdate.class));
            assertThat(message).doesNotContain(PERSONAL);
            assertThat(message).doesNotContain("buyers", "idNumber", "phone", "taxpayer", "owners");
            assertThat(exchange.getMessage().getHeaders().values().toString()).doesNotContain(PERSONAL);
        }
    }

    @Test
    void personalDataUnderAnAllowedFieldNameOrInANewFieldStaysOut() throws Exception {
        listing.expectedMessageCount(1);
        ObjectNode contract = SampleRecords.contract();
        // a bad record: an object where the public status belongs, and a field no one has made public
        contract.putObject("status").put("buyer", "张伟").put("phone", "13900000001");
        contract.put("buyerIdNumber", "990101199001011234");

        deliver(delivery("CONTRACT", "contractNo", 1, contract));

        listing.assertIsSatisfied();
        JsonNode view = update(0).view();
        assertThat(view.has("status")).isFalse();
        assertThat(view.has("buyerIdNumber")).isFalse();
        assertThat(SampleRecords.JSON.writeValueAsString(update(0))).doesNotContain(PERSONAL);
    }

    @Test
    void aTypeThePortalDoesNotShowSendsNothingToTheListing() throws Exception {
        listing.expectedMessageCount(0);

        deliver(delivery("TAX_CLEARANCE", "voucherNo", 1, SampleRecords.taxClearance()));
        deliver(delivery("REGISTRATION", "certificateNo", 1, SampleRecords.registration()));

        listing.assertIsSatisfied();
    }
}
