package org.exchangehub.hub.notary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerMode;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/** The ledger going down, and a commit whose status never came back: nothing is lost, nothing anchored twice. */
@SpringBootTest(properties = {"hub.notary.enabled=false"})
class NotaryFaultsTests {

    static final Path dataDir = TestDatabases.dataDirectory(NotaryFaultsTests.class);

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
    NotaryBatcher batcher;

    @BeforeEach
    void batcherOverAFaultyLedger() {
        ledger = new FaultyLedger(embedded);
        clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
        batcher = new NotaryBatcher(
                store,
                new NotaryLedger(ledger),
                signer,
                new NotaryProperties(4096, Duration.ofMillis(200), Duration.ofSeconds(5), false, 8),
                transactions,
                clock,
                new BatchTrees(store, 8));
        batcher.drain();
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

    @Test
    void whileTheLedgerIsDownBatchesWaitAndAreAnchoredOnceWhenItIsBack() {
        publishUnits("DOWN-", 10);
        ledger.down.set(true);

        assertThat(batcher.drain()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(batcher.drain()).isZero();

        assertThat(status("DOWN-3")).isEqualTo(Receipt.Status.PENDING);
        var sealed = jdbc.sql("SELECT attempts, last_error FROM notary_batch WHERE state = 'SEALED'")
                .query((rs, n) -> rs.getInt(1) + " " + rs.getString(2))
                .single();
        assertThat(sealed).startsWith("2 ").contains("ledger is down");

        ledger.down.set(false);
        assertThat(batcher.drain()).as("still backing off").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(batcher.drain()).isEqualTo(10);

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

        clock.advance(Duration.ofSeconds(1));
        assertThat(batcher.drain()).isEqualTo(5);

        assertThat(status("LOST-0")).isEqualTo(Receipt.Status.ANCHORED);
        assertThat(anchorTransactionsOnLedger())
                .as("no second anchor transaction")
                .isEqualTo(ledgerBatches);
        assertThat(anchorTransactionsOnLedger()).isEqualTo(anchoredBatches());
        assertThat(embedded.checkChain().intact()).isTrue();
    }

    long anchorTransactionsOnLedger() {
        return jdbc.sql("SELECT COUNT(*) FROM ledger_transaction WHERE function_name = 'AnchorBatch'")
                .query(Long.class)
                .single();
    }

    long anchoredBatches() {
        return jdbc.sql("SELECT COUNT(*) FROM notary_batch WHERE state = 'ANCHORED'")
                .query(Long.class)
                .single();
    }

    /** A real ledger behind a switch: down, or committing and then losing the commit status. */
    static final class FaultyLedger implements LedgerGateway {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicBoolean loseNextCommitStatus = new AtomicBoolean();
        private final LedgerGateway ledger;

        FaultyLedger(LedgerGateway ledger) {
            this.ledger = ledger;
        }

        private void reachable() {
            if (down.get()) {
                throw new LedgerUnavailableException("the ledger is down (test)", null);
            }
        }

        @Override
        public LedgerMode mode() {
            return ledger.mode();
        }

        @Override
        public String channel() {
            return ledger.channel();
        }

        @Override
        public Submitted submit(String transaction, String... arguments) {
            reachable();
            Submitted submitted = ledger.submit(transaction, arguments);
            if (loseNextCommitStatus.getAndSet(false)) {
                throw new LedgerUnavailableException(
                        "commit status of " + submitted.transactionId() + " lost (test)", null);
            }
            return submitted;
        }

        @Override
        public byte[] evaluate(String transaction, String... arguments) {
            reachable();
            return ledger.evaluate(transaction, arguments);
        }

        @Override
        public long height() {
            reachable();
            return ledger.height();
        }

        @Override
        public long blockNumberOf(String transactionId) {
            reachable();
            return ledger.blockNumberOf(transactionId);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
