package org.exchangehub.adapters.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.junit.jupiter.api.Test;

/** The README's "connecting a new agency" example, word for word, works against a real HTTP endpoint. */
class ReadmeExampleTests {

    /** Tells the escrow bank of each registration (登记完成): it may release the contract's supervised funds. */
    public static class BankOutboundRoute extends PushDeliveryRoute {
        public BankOutboundRoute(PushSettings settings) {
            super("bank", settings);
        }

        @Override
        protected AgencyMessage message(Delivery delivery) {
            ObjectNode notice = JsonNodeFactory.instance
                    .objectNode()
                    .put("HTBH", delivery.payload().path("contractNo").asText())
                    .put("BDCQZH", delivery.payload().path("certificateNo").asText())
                    .put("DJJG", delivery.payload().path("result").asText());
            notice.set("receipt", delivery.receipt()); // so the bank can verify it through the hub or offline
            return new AgencyMessage("/notices", notice);
        }

        @Override
        protected Optional<CanonicalRecord> recordIn(JsonNode answer) {
            return Optional.empty();
        }
    }

    @Test
    void theBankIsToldOfARegistrationWithItsReceipt() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        List<String> deliveryIds = new CopyOnWriteArrayList<>();
        HttpServer bank = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bank.createContext("/notices", exchange -> {
            notices.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            deliveryIds.add(exchange.getRequestHeaders().getFirst(HubHeaders.HTTP_DELIVERY_ID));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        bank.start();
        try (CamelContext camel = new DefaultCamelContext()) {
            URI url = URI.create("http://127.0.0.1:" + bank.getAddress().getPort());
            camel.addRoutes(new BankOutboundRoute(PushSettings.of("bank", url)));
            camel.start();
            Delivery delivery = new Delivery(
                    "d-bank-7",
                    "bank",
                    SampleRecords.envelope(
                            "REGISTRATION", "BDC-HT-2026-000123", 1, "registry", SampleRecords.registration()),
                    JsonNodeFactory.instance.objectNode().put("receiptId", "r-7"));

            camel.createProducerTemplate()
                    .requestBodyAndHeader(HubEndpoints.deliver("bank"), delivery, HubHeaders.DELIVERY_ID, "d-bank-7");

            assertThat(deliveryIds).containsExactly("d-bank-7");
            JsonNode notice = SampleRecords.JSON.readTree(notices.get(0));
            assertThat(notice.path("HTBH").asText()).isEqualTo("HT-2026-000123");
            assertThat(notice.path("DJJG").asText()).isEqualTo("REGISTERED");
            assertThat(notice.path("receipt").path("receiptId").asText()).isEqualTo("r-7");
        } finally {
            bank.stop(0);
        }
    }
}
