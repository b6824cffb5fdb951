package org.exchangehub.adapters.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
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

class PortalOutboundRouteTests {

    private CamelContext camel;
    private ProducerTemplate producer;
    private MockEndpoint listing;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new PortalOutboundRoute(PortalOutboundSettings.defaults()));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(HubEndpoints.LISTING_UPDATE).routeId("listing-stand-in").to("mock:listing");
            }
        });
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

    @Test
    void servesThePortalDeliveryEndpointUnderItsRouteId() {
        assertThat(camel.getRoute("portal-outbound").getEndpoint().getEndpointUri())
                .isEqualTo("direct://deliver-portal");
    }

    @Test
    void aCancelledContractBecomesAListingUpdateSayingCancelled() throws Exception {
        listing.expectedMessageCount(1);

        deliver(SampleRecords.delivery(
                "D-1", "portal", "CONTRACT", "contractNo", 2, SampleRecords.cancelledContract()));

        listing.assertIsSatisfied();
        ListingUpdate update = listing.getExchanges().get(0).getMessage().getBody(ListingUpdate.class);
        assertThat(update.version()).isEqualTo(2);
        assertThat(update.view().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(update.view().has("buyers")).isFalse();
        assertThat(update.view().has("price")).isFalse();
    }

    @Test
    void eachListedTypeBecomesOneUpdate() throws Exception {
        listing.expectedMessageCount(5);

        deliver(SampleRecords.delivery("D-1", "portal", "PROJECT", "projectId", 1, SampleRecords.project()));
        deliver(SampleRecords.delivery("D-2", "portal", "BUILDING", "buildingId", 1, SampleRecords.building()));
        deliver(SampleRecords.delivery("D-3", "portal", "UNIT", "houseCode", 1, SampleRecords.unit()));
        deliver(SampleRecords.delivery("D-4", "portal", "CONTRACT", "contractNo", 1, SampleRecords.contract()));
        deliver(SampleRecords.delivery("D-5", "portal", "FILING", "filingNo", 1, SampleRecords.filing()));

        listing.assertIsSatisfied();
        assertThat(listing.getExchanges())
                .extracting(exchange ->
                        exchange.getMessage().getBody(ListingUpdate.class).type())
                .containsExactly("PROJECT", "BUILDING", "UNIT", "CONTRACT", "FILING");
    }

    @Test
    void aTypeThePortalDoesNotShowIsTakenAndDropped() throws Exception {
        listing.expectedMessageCount(0);

        deliver(SampleRecords.delivery(
                "D-6", "portal", "REGISTRATION", "certificateNo", 1, SampleRecords.registration()));

        listing.assertIsSatisfied();
    }
}
