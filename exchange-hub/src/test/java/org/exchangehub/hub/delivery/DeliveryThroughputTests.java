package org.exchangehub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delivery throughput to one receiver on H2: anchored records handed to a receiver route that only counts them. Prints
 * the rate (records/s) of the dispatch alone; {@code -Ddelivery.throughput.records=N} sets how many (2,000 by default,
 * a few seconds).
 */
@SpringBootTest(
        properties = {
            "hub.notary.enabled=false",
            "hub.delivery.enabled=false",
            "hub.delivery.subscriptions.tax.types=CONTRACT",
            "hub.delivery.subscriptions.registry.types=",
            "hub.delivery.subscriptions.housing.types=",
            "hub.delivery.subscriptions.portal.types=",
        })
@Import(DeliveryThroughputTests.Receiver.class)
class DeliveryThroughputTests {

    static final Path dataDir = TestDatabases.dataDirectory(DeliveryThroughputTests.class);
    static final int RECORDS = Integer.getInteger("delivery.throughput.records", 2_000);

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }

    static final class CountingReceiver extends RouteBuilder {
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public void configure() {
            from("direct:deliver-tax")
                    .routeId("counting-tax")
                    .process(exchange -> received.add(
                            exchange.getMessage().getBody(Delivery.class).deliveryId()));
        }
    }

    @TestConfiguration
    static class Receiver {
        @Bean
        CountingReceiver countingReceiver() {
            return new CountingReceiver();
        }
    }

    @Autowired
    CountingReceiver receiver;

    @Autowired
    RecordPublisher publisher;

    @Autowired
    NotaryBatcher batcher;

    @Autowired
    DeliveryDispatcher dispatcher;

    @Test
    void deliversEveryAnchoredRecordOnceAndSaysHowFast() {
        batcher.drain();
        dispatcher.dispatch("tax");
        receiver.received.clear();
        for (int i = 0; i < RECORDS; i++) {
            String contractNo = "HT-RATE-" + i;
            publisher.publish(
                    "housing",
                    new PublishRequest(
                            "CONTRACT", contractNo, null, Payloads.contract(contractNo, "FW-RATE-" + i, "SIGNED")));
        }
        batcher.drain();

        long started = System.nanoTime();
        int delivered = 0;
        while (receiver.received.size() < RECORDS) {
            int round = dispatcher.dispatch("tax");
            assertThat(round).as("every round delivers something until all are").isPositive();
            delivered += round;
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(delivered).isEqualTo(RECORDS);
        assertThat(receiver.received).hasSize(RECORDS).doesNotHaveDuplicates();
        System.out.printf(
                "delivery_throughput records=%d seconds=%.2f records_per_s=%.0f%n",
                RECORDS, seconds, RECORDS / seconds);
    }
}
