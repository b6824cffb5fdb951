package org.exchangehub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two hub instances on one PostgreSQL dispatch the same queue at once: every delivery goes out exactly once. */
class TwoInstancesDeliveryTests {

    static final int CONTRACTS = 200;

    final Path dataDir = TestDatabases.dataDirectory(TwoInstancesDeliveryTests.class);
    final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

    ConfigurableApplicationContext hub(String database, String name) throws Exception {
        List<String> properties = List.of(
                "hub.data-dir=" + dataDir.resolve(name),
                "spring.main.banner-mode=off",
                "spring.datasource.url=" + TestDatabases.postgresUrl(database),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "hub.notary.enabled=false",
                "hub.delivery.enabled=false",
                "hub.delivery.batch-size=10",
                "hub.delivery.subscriptions.tax.types=CONTRACT");
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        hub.getBean(CamelContext.class).addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deliver-tax")
                        .routeId("tax-stand-in-" + name)
                        .process(exchange -> received.add(
                                exchange.getMessage().getBody(Delivery.class).deliveryId()));
            }
        });
        return hub;
    }

    @Test
    void twoInstancesDispatchingTogetherDeliverEachRecordExactlyOnce() throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        try (ConfigurableApplicationContext a = hub(database, "a");
                ConfigurableApplicationContext b = hub(database, "b")) {
            RecordPublisher publisher = a.getBean(RecordPublisher.class);
            for (int i = 0; i < CONTRACTS; i++) {
                String contractNo = "HT-TWO-" + i;
                publisher.publish(
                        "housing",
                        new PublishRequest(
                                "CONTRACT", contractNo, null, Payloads.contract(contractNo, "FW-TWO-" + i, "SIGNED")));
            }
            a.getBean(NotaryBatcher.class).drain();

            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> counts = new ArrayList<>();
            try {
                for (ConfigurableApplicationContext hub : List.of(a, b)) {
                    DeliveryDispatcher dispatcher = hub.getBean(DeliveryDispatcher.class);
                    counts.add(pool.submit(() -> dispatcher.dispatch("tax")));
                }
                int total = 0;
                for (Future<Integer> count : counts) {
                    total += count.get();
                }
                assertThat(total)
                        .as("delivered, counted by the instance that delivered")
                        .isEqualTo(CONTRACTS);
            } finally {
                pool.shutdownNow();
            }

            assertThat(received).hasSize(CONTRACTS).doesNotHaveDuplicates();
            DeliveryStore store = a.getBean(DeliveryStore.class);
            assertThat(store.counts())
                    .filteredOn(c -> c.receiver().equals("tax"))
                    .singleElement()
                    .extracting(DeliveryStore.ReceiverCounts::delivered)
                    .isEqualTo((long) CONTRACTS);
        }
    }
}
