package org.exchangehub.hub.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.ledger.LedgerProbe;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ledger going down, refusing, or losing a commit status; an instance dying between the ledger call and recording
 * it, or losing its lease: nothing is lost, nothing anchored twice, and nothing is locked while the ledger is called.
 */
@SpringBootTest(properties = {"hub.notary.enabled=false"})
class NotaryFaultsTests {

    static final Path dataDir = TestDatabases.dataDirectory(NotaryFaultsTests.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }

    @Autowired
    RecordPublisher publisher;

    @Autowired
    RecordStore records;

    @Autowired
    NotaryStore store;

    @Autowired
    RecordLog recordLog;

    @Autowired
    Receipts receipts;

    @Autowired
    EmbeddedLedgerGateway embedded;

    @Autowired
    HubSigner signer;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    FaultyLedger ledger;
    MutableClock clock;
    LedgerProbe probe;
    NotaryBatcher batcher;

    @BeforeEach
    void batcherOverAFaultyLedger() {
        ledger = new FaultyLedger(embedded);
        clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
        probe = new LedgerProbe(new NotaryLedger(ledger), clock);
        batcher = instance(probe);
        // each test starts with nothing pending: what a test before left claimed (its clock is not this one) is freed
        jdbc.sql("UPDATE notary_batch SET claimed_by = NULL, lease_until = NULL WHERE state = 'SEALED'")
                .update();
        batcher.drain();
    }

    /** Another hub instance: a batcher with its own claims and its own probe, over the same database and ledger. */
    NotaryBatcher instance() {
        return instance(new LedgerProbe(new NotaryLedger(ledger), clock));
    }

    NotaryBatcher instance(LedgerProbe itsProbe) {
        return new NotaryBatcher(
                store,
                new NotaryLedger(ledger),
                itsProbe,
                signer,
                new NotaryProperties(
                        4096, Duration.ofMillis(200), Duration.ofSeconds(5), false, 8, LEASE, PROBE_INTERVAL),
                transactions,
                clock,
                new BatchTrees(store, 8));
    }

    void publishUnits(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String code = prefix + i;
            publisher.publish(
                    "housing", new PublishRequest("UNIT", code, null, Payloads.unit(code, "AVAILABLE", 1_000 + i)));
        }
    }

    Receipt.Status status(String houseCode) {
        return receipts.of(records.latest(RecordType.UNIT, houseCode).orElseThrow())
                .status();
    }

    String onlySealedBatch() {
        return jdbc.sql("SELECT batch_id FROM notary_batch WHERE state = 'SEALED'")
                .query(String.class)
                .single();
    }

    long anchorTransactionsOnLedger() {
        return jdbc.sql("SELECT COUNT(*) FROM ledger_transaction WHERE function_name = 'AnchorBatch'")
                .query(Long.class)
                .single();
    }

    long anchorTransactionsOnLedger(String batchId) {
        return jdbc.sql("SELECT COUNT(*) FROM ledger_transaction WHERE function_name = 'AnchorBatch'"
                        + " AND arguments LIKE ?")
                .param("%" + batchId + "%")
                .query(Long.class)
                .single();
    }

    long anchoredBatches() {
        return jdbc.sql("SELECT COUNT(*) FROM notary_batch WHERE state = 'ANCHORED'")
                .query(Long.class)
                .single();
    }

    @Nested
    class WhileTheLedgerIsDown {

        @Test
        void batchesWaitWithoutCallingItUntilAProbeIsDueAndAreAnchoredOnceAtTheFirstProbeItAnswers() {
            publishUnits("DOWN-", 10);
            ledger.down.set(true);

            assertThat(batcher.drain()).isZero();
            assertThat(probe.seenDown()).isTrue();
            int calls = ledger.callsWhileDown.get();
            clock.advance(PROBE_INTERVAL.dividedBy(2));
            assertThat(batcher.drain()).isZero();
            assertThat(ledger.callsWhileDown.get())
                    .as("no call before a probe is due")
                    .isEqualTo(calls);
            clock.advance(PROBE_INTERVAL.dividedBy(2));
            assertThat(batcher.drain()).isZero();
            assertThat(ledger.callsWhileDown.get()).as("one probe").isEqualTo(calls + 1);

            assertThat(status("DOWN-3")).isEqualTo(Receipt.Status.PENDING);
            var sealed = jdbc.sql("SELECT attempts, last_error, claimed_by FROM notary_batch WHERE state = 'SEALED'")
                    .query((rs, n) -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3))
                    .single();
            assertThat(sealed)
                    .as("one anchoring attempt (a probe is not one), and the batch is not held")
                    .isEqualTo("1 the ledger is down (test) null");

            ledger.down.set(false);
            assertThat(batcher.drain()).as("waits for the next probe").isZero();
            clock.advance(PROBE_INTERVAL);
            assertThat(batcher.drain()).isEqualTo(10);

            assertThat(probe.seenDown()).isFalse();
            assertThat(status("DOWN-3")).isEqualTo(Receipt.Status.ANCHORED);
            assertThat(store.sealedBatches()).isZero();
            assertThat(anchorTransactionsOnLedger()).isEqualTo(anchoredBatches());
        }

        @Test
        void aBatchWhoseCommitStatusWasLostIsNotAnchoredTwice() {
            publishUnits("LOST-", 5);
            ledger.loseNextCommitStatus.set(true);

            assertThat(batcher.drain()).isZero();
            assertThat(status("LOST-0")).isEqualTo(Receipt.Status.PENDING);
            long ledgerBatches = anchorTransactionsOnLedger();

            clock.advance(PROBE_INTERVAL);
            assertThat(batcher.drain()).isEqualTo(5);

            assertThat(status("LOST-0")).isEqualTo(Receipt.Status.ANCHORED);
            assertThat(anchorTransactionsOnLedger())
                    .as("no second anchor transaction")
                    .isEqualTo(ledgerBatches);
            assertThat(anchorTransactionsOnLedger()).isEqualTo(anchoredBatches());
            assertThat(embedded.checkChain().intact()).isTrue();
        }
    }

    @Nested
    class WhenTheLedgerRefusesABatch {

        @Test
        void theBatchesAfterItAreAnchoredButTheAnchoredPrefixStopsBeforeItUntilItIsAnchoredOnItsRetry() {
            publishUnits("REFUSED-", 3);
            batcher.seal();
            String refused = onlySealedBatch();
            long end = jdbc.sql("SELECT next_position FROM notary_log_head")
                            .query(Long.class)
                            .single()
                    - 1;
            publishUnits("AFTER-", 4);
            ledger.refuseNextAnchor.set(true);

            assertThat(batcher.drain())
                    .as("the later batch, anchored before the refused one")
                    .isEqualTo(4);
            assertThat(status("AFTER-0")).isEqualTo(Receipt.Status.ANCHORED);
            assertThat(store.batch(refused).orElseThrow().state()).isEqualTo("SEALED");
            assertThat(recordLog.anchoredThrough())
                    .as("the anchored prefix ends before the refused batch: no delivery can skip it")
                    .isEqualTo(end - 3);
            assertThat(probe.seenDown()).as("a refusal is an answer").isFalse();

            assertThat(batcher.drain()).as("not before its retry").isZero();
            clock.advance(Duration.ofMillis(200));
            assertThat(batcher.drain()).isEqualTo(3);
            assertThat(recordLog.anchoredThrough()).isEqualTo(end + 4);
        }
    }

    @Nested
    class WhenAClaimerDies {

        @Test
        void aBatchItAnchoredButDidNotRecordIsTakenOverAfterTheLeaseAndAnchoredOnce() {
            publishUnits("DIED-", 5);
            batcher.seal();
            String batchId = onlySealedBatch();
            ledger.dieAfterNextCommit.set(true);

            assertThatThrownBy(batcher::drain).isInstanceOf(FaultyLedger.InstanceDied.class);
            assertThat(anchorTransactionsOnLedger(batchId)).isEqualTo(1);
            assertThat(store.batch(batchId).orElseThrow().state()).isEqualTo("SEALED");

            NotaryBatcher other = instance();
            assertThat(other.drain())
                    .as("the dead instance's lease still holds")
                    .isZero();
            clock.advance(LEASE.minusSeconds(1));
            assertThat(other.drain()).isZero();
            clock.advance(Duration.ofSeconds(2));
            assertThat(other.drain()).as("taken over after the lease").isEqualTo(5);

            assertThat(status("DIED-4")).isEqualTo(Receipt.Status.ANCHORED);
            assertThat(anchorTransactionsOnLedger(batchId))
                    .as("the ledger answered the takeover with the dead instance's anchor")
                    .isEqualTo(1);
            assertThat(jdbc.sql("SELECT claimed_by FROM notary_batch WHERE batch_id = ?")
                            .param(batchId)
                            .query(String.class)
                            .optional())
                    .as("an anchored batch is held by no one")
                    .isEmpty();
        }

        @Test
        void aClaimWhoseLeaseRanOutDuringTheLedgerCallRecordsNothingAndTheTakeoverRecordsTheOneAnchor() {
            publishUnits("SLOW-", 5);
            batcher.seal();
            String batchId = onlySealedBatch();
            NotaryBatcher other = instance();
            AtomicInteger anchoredByOther = new AtomicInteger();
            // the first instance's ledger call outlasts its lease; meanwhile the other takes the batch over
            ledger.duringNextAnchor.set(() -> {
                clock.advance(LEASE.plusSeconds(1));
                anchoredByOther.set(other.drain());
            });

            assertThat(batcher.drain()).as("the slow instance records nothing").isZero();

            assertThat(anchoredByOther.get()).isEqualTo(5);
            assertThat(anchorTransactionsOnLedger(batchId)).isEqualTo(1);
            NotaryStore.Batch anchored = store.batch(batchId).orElseThrow();
            assertThat(anchored.state()).isEqualTo("ANCHORED");
            assertThat(anchored.attempts())
                    .as("one recorded attempt: the takeover's")
                    .isEqualTo(1);
            assertThat(embedded.checkChain().intact()).isTrue();
        }
    }

    @Nested
    class DuringTheLedgerCall {

        @Test
        void noTransactionIsOpenAndTheBatchRowIsNotLocked() {
            publishUnits("FREE-", 3);
            batcher.seal();
            String batchId = onlySealedBatch();
            AtomicBoolean transactionOpen = new AtomicBoolean(true);
            AtomicInteger updatedMeanwhile = new AtomicInteger();
            ledger.duringNextAnchor.set(() -> {
                transactionOpen.set(TransactionSynchronizationManager.isActualTransactionActive());
                // another connection writes the batch row while the ledger is being called: it would wait for a row
                // lock held across the call (LOCK_TIMEOUT is 10 s; this waits 5)
                updatedMeanwhile.set(CompletableFuture.supplyAsync(
                                () -> jdbc.sql("UPDATE notary_batch SET last_error = 'touched' WHERE batch_id = ?")
                                        .param(batchId)
                                        .update())
                        .orTimeout(5, TimeUnit.SECONDS)
                        .join());
            });

            assertThat(batcher.drain()).isEqualTo(3);

            assertThat(transactionOpen)
                    .as("a transaction open during the ledger call")
                    .isFalse();
            assertThat(updatedMeanwhile)
                    .as("the batch row written by another connection meanwhile")
                    .hasValue(1);
        }
    }
}
