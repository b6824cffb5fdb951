package org.exchangehub.hub.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notary on its own schedule, as the hub runs it, over the real embedded ledger behind a switch: sealing goes on
 * while an anchor is under way, and pending batches are anchored within 5 s of the ledger's return. No {@code @Nested}
 * classes: each would start a second hub (application context) with a schedule of its own on the same database.
 */
@SpringBootTest(
        properties = {
            "hub.notary.enabled=true",
            "hub.notary.interval=200ms",
            "hub.notary.probe-interval=1s",
            "spring.task.scheduling.pool.size=4"
        })
class NotarySchedulingTests {

    private static final Logger log = LoggerFactory.getLogger(NotarySchedulingTests.class);

    static final Path dataDir = TestDatabases.dataDirectory(NotarySchedulingTests.class);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }

    @TestConfiguration
    static class LedgerBehindASwitch {
        @Bean
        @Primary
        FaultyLedger faultyLedger(EmbeddedLedgerGateway embedded) {
            return new FaultyLedger(embedded);
        }
    }

    @Autowired
    FaultyLedger ledger;

    @Autowired
    LedgerGateway gateway;

    @Autowired
    RecordPublisher publisher;

    @Autowired
    NotaryStore store;

    @Autowired
    @Qualifier("ledger")
    HealthIndicator ledgerHealth;

    @Autowired
    ThreadPoolTaskScheduler scheduler;

    void publishUnits(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String code = prefix + i;
            publisher.publish(
                    "housing", new PublishRequest("UNIT", code, null, Payloads.unit(code, "AVAILABLE", 2_000 + i)));
        }
    }

    boolean everythingAnchored() {
        return store.pendingLeaves() == 0 && store.sealedBatches() == 0;
    }

    @Test
    void theScheduledJobsRunOnThePoolSizedInConfiguration() {
        assertThat(gateway).as("the notary's ledger is the switch").isSameAs(ledger);
        assertThat(scheduler.getPoolSize()).isEqualTo(4);
    }

    @Test
    void theNextBatchIsSealedWhileABatchIsBeingAnchored() {
        int heldBefore = ledger.anchorsHeld.get();
        ledger.holdAnchors();
        try {
            publishUnits("FIRST-", 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.anchorsHeld.get() == heldBefore + 1);
            publishUnits("SECOND-", 5);

            // every record sealed, the second ones in a later batch than the one held (the first ones may have been
            // sealed in one batch or two, as the publishes fell across sealing rounds)
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.pendingLeaves() == 0 && store.sealedBatches() >= 2);
            assertThat(ledger.anchorsHeld)
                    .as("the first batch's anchor is still under way")
                    .hasValue(heldBefore + 1);
        } finally {
            ledger.release();
        }
        await().atMost(Duration.ofSeconds(30)).until(NotarySchedulingTests.this::everythingAnchored);
    }

    @Test
    void afterALedgerOutagePendingBatchesAreAnchoredWithinFiveSecondsOfItsReturnAndTheHealthShowsBoth() {
        ledger.down.set(true);
        try {
            publishUnits("OUTAGE-", 20);
            // a long outage: an exponential backoff would have grown to 6.4 s by the eighth probe
            int probesBefore = ledger.probesWhileDown.get();
            await("every record sealed while the ledger is down")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> store.pendingLeaves() == 0 && store.sealedBatches() >= 1);
            await("eight probes while the ledger is down")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> ledger.probesWhileDown.get() >= probesBefore + 8);

            Health down = ledgerHealth.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails())
                    .containsKeys("lastProbe", "error")
                    .containsEntry("pendingBatches", store.sealedBatches());
        } finally {
            ledger.down.set(false);
        }
        Instant back = Instant.now();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(NotarySchedulingTests.this::everythingAnchored);
        Duration recovery = Duration.between(back, Instant.now());
        log.info("Ledger back: pending batches anchored {} ms later", recovery.toMillis());

        assertThat(recovery).isLessThan(Duration.ofSeconds(5));
        Health up = ledgerHealth.health();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("pendingBatches", 0L).containsKeys("lastProbe", "height");
    }
}
