package org.exchangehub.hub.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.exchangehub.hub.TestIdentities;
import org.exchangehub.hub.ledger.LedgerGateway.Submitted;
import org.exchangehub.hub.ledger.LedgerIdentity;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The embedded ledger's Fabric semantics and tamper evidence; run on H2 and on PostgreSQL by the subclasses.
 */
abstract class EmbeddedLedgerGatewayTests {

    static final LedgerIdentity ORDERER = TestIdentities.ledgerIdentity("HubMSP", "ledger0", "orderer");
    static final LedgerIdentity CLIENT = TestIdentities.ledgerIdentity("HubMSP", "hub", "client");

    DataSource dataSource;
    JdbcClient jdbc;
    EmbeddedLedgerGateway ledger;

    abstract DataSource newDatabase();

    /** Stops the database and starts it again on its files, as a restart of the hub's host would. */
    abstract void restartDatabase();

    @BeforeEach
    void openLedger() {
        dataSource = newDatabase();
        jdbc = JdbcClient.create(dataSource);
        ledger = open(dataSource);
    }

    static EmbeddedLedgerGateway open(DataSource dataSource) {
        return new EmbeddedLedgerGateway(
                JdbcClient.create(dataSource),
                new DataSourceTransactionManager(dataSource),
                new LedgerProbeContract(),
                CLIENT,
                ORDERER,
                "housing",
                Clock.systemUTC(),
                certificate -> certificate.equals(ORDERER.certificate()));
    }

    String evaluate(String transaction, String... arguments) {
        return new String(ledger.evaluate(transaction, arguments), StandardCharsets.UTF_8);
    }

    @Nested
    class Submit {

        @Test
        void commitsEachTransactionInItsOwnBlock() {
            Submitted first = ledger.submit("Put", "a", "1");
            Submitted second = ledger.submit("Put", "b", "2");

            assertThat(first.blockNumber()).isZero();
            assertThat(second.blockNumber()).isEqualTo(1);
            assertThat(ledger.height()).isEqualTo(2);
            assertThat(new String(first.result(), StandardCharsets.UTF_8)).isEqualTo(first.transactionId());
            assertThat(ledger.blockNumberOf(second.transactionId())).isEqualTo(1);
            assertThat(evaluate("Get", "a")).isEqualTo("1");
        }

        @Test
        void readsSeeCommittedStateNotTheTransactionsOwnWrites() {
            ledger.submit("Put", "k", "old");

            Submitted submitted = ledger.submit("PutThenGet", "k", "new");

            assertThat(new String(submitted.result(), StandardCharsets.UTF_8)).isEqualTo("old");
            assertThat(evaluate("Get", "k")).isEqualTo("new");
        }

        @Test
        void refusedTransactionWritesNothing() {
            ledger.submit("Put", "a", "1");

            assertThatThrownBy(() -> ledger.submit("PutAndFail", "b", "SOMETHING_WRONG"))
                    .isInstanceOf(LedgerRefusedException.class)
                    .hasMessageContaining("refused on purpose for b")
                    .extracting(e -> ((LedgerRefusedException) e).code())
                    .isEqualTo("SOMETHING_WRONG");
            assertThat(ledger.height()).isEqualTo(1);
            assertThat(evaluate("Get", "b")).isEmpty();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM ledger_transaction")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void refusesUnknownTransactionsAndBadArguments() {
            assertThatThrownBy(() -> ledger.submit("Nope"))
                    .isInstanceOf(LedgerRefusedException.class)
                    .extracting(e -> ((LedgerRefusedException) e).code())
                    .isEqualTo("TRANSACTION_UNKNOWN");
            assertThatThrownBy(() -> ledger.submit("Put", "only-one-argument"))
                    .isInstanceOf(LedgerRefusedException.class)
                    .extracting(e -> ((LedgerRefusedException) e).code())
                    .isEqualTo("ARGUMENTS_INVALID");
            assertThat(ledger.height()).isZero();
        }

        @Test
        void storesTheEventAndTheCreator() {
            Submitted submitted = ledger.submit("Emit", "BatchAnchored", "{\"x\":1}");

            var row = jdbc.sql(
                            "SELECT event_name, event_payload, creator_msp_id FROM ledger_transaction WHERE tx_id = ?")
                    .param(submitted.transactionId())
                    .query((rs, n) -> List.of(rs.getString(1), new String(rs.getBytes(2)), rs.getString(3)))
                    .single();
            assertThat(row).containsExactly("BatchAnchored", "{\"x\":1}", "HubMSP");
            assertThat(evaluate("Creator")).startsWith("HubMSP ").contains("OU=client");
            LedgerIdentity admin = TestIdentities.ledgerIdentity("OtherMSP", "admin", "admin");
            assertThat(new String(ledger.as(admin).evaluate("Creator"), StandardCharsets.UTF_8))
                    .startsWith("OtherMSP ")
                    .contains("OU=admin");
        }

        @Test
        void concurrentSubmittersGetContiguousBlocks() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Submitted>> futures = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String key = "key" + i;
                    futures.add(pool.submit(() -> ledger.submit("Put", key, "v")));
                }
                List<Long> blocks = new ArrayList<>();
                for (Future<Submitted> future : futures) {
                    blocks.add(future.get().blockNumber());
                }
                assertThat(blocks).doesNotHaveDuplicates().hasSize(40).allMatch(b -> b >= 0 && b < 40);
            } finally {
                pool.shutdownNow();
            }
            assertThat(ledger.checkChain().intact()).isTrue();
        }
    }

    /**
     * Fabric's MVCC validation: a transaction is executed against committed state, and fails at commit when a key it
     * read, or the keys of a range it read, were written meanwhile; it writes nothing then.
     */
    @Nested
    class ReadConflicts {

        @org.junit.jupiter.api.AfterEach
        void noHook() {
            LedgerProbeContract.afterRead = null;
        }

        @Test
        void aTransactionWhoseReadKeyWasWrittenMeanwhileFailsWithMvccReadConflict() throws Exception {
            Submitted first = ledger.submit("Put", "counter", "1");
            Future<Submitted> late = whileExecuted(
                    () -> ledger.submit("ReadThenPut", "counter", "counter", "from-the-late-one"),
                    () -> ledger.submit("Put", "counter", "2"));

            assertThatThrownBy(() -> late.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("was not committed: MVCC_READ_CONFLICT");
            assertThat(evaluate("Get", "counter")).isEqualTo("2");
            assertThat(ledger.height()).isEqualTo(first.blockNumber() + 2);
            assertThat(ledger.checkChain().intact()).isTrue();
        }

        @Test
        void aTransactionWhoseRangeGotAnotherKeyMeanwhileFailsWithMvccReadConflict() throws Exception {
            ledger.submit("Put", "r/1", "v");
            Future<Submitted> late = whileExecuted(
                    () -> ledger.submit("RangeThenPut", "r/", "r0", "elsewhere"),
                    () -> ledger.submit("Put", "r/2", "phantom"));

            assertThatThrownBy(() -> late.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("MVCC_READ_CONFLICT");
            assertThat(evaluate("Get", "elsewhere")).isEmpty();
        }

        @Test
        void transactionsExecutedAtOnceOnKeysOfTheirOwnAllCommit() throws Exception {
            int count = 4;
            CyclicBarrier allExecuted = new CyclicBarrier(count);
            LedgerProbeContract.afterRead = () -> await(allExecuted);
            ExecutorService pool = Executors.newFixedThreadPool(count);
            try {
                List<Future<Submitted>> submitted = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String own = "own-" + i;
                    submitted.add(pool.submit(() -> ledger.submit("ReadThenPut", own, own, "v")));
                }
                for (Future<Submitted> each : submitted) {
                    each.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(ledger.height()).isEqualTo(count);
        }

        /**
         * Submits {@code late}, lets {@code meanwhile} commit after {@code late} was executed and before it is
         * validated, and returns {@code late}'s outcome.
         */
        private Future<Submitted> whileExecuted(Callable<Submitted> late, Runnable meanwhile) throws Exception {
            CountDownLatch executed = new CountDownLatch(1);
            CountDownLatch mayCommit = new CountDownLatch(1);
            LedgerProbeContract.afterRead = () -> {
                executed.countDown();
                await(mayCommit);
            };
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Submitted> outcome = pool.submit(late);
                assertThat(executed.await(30, TimeUnit.SECONDS)).isTrue();
                LedgerProbeContract.afterRead = null;
                meanwhile.run();
                mayCommit.countDown();
                try {
                    outcome.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException expected) {
                    // the caller asserts it
                }
                return outcome;
            } finally {
                pool.shutdown();
            }
        }

        private static void await(Object latchOrBarrier) {
            try {
                if (latchOrBarrier instanceof CountDownLatch latch) {
                    assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
                } else {
                    ((CyclicBarrier) latchOrBarrier).await(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class Evaluate {

        @Test
        void writesNothing() {
            ledger.evaluate("Put", "a", "1");

            assertThat(ledger.height()).isZero();
            assertThat(evaluate("Get", "a")).isEmpty();
        }
    }

    @Nested
    class Queries {

        @Test
        void rangeQueriesOrderKeysByUtf8Bytes() {
            for (String key : List.of("b", "a", "é", "z", "ä")) {
                ledger.submit("Put", key, key.toUpperCase());
            }

            assertThat(evaluate("Range", "", "")).isEqualTo("a=A,b=B,z=Z,ä=Ä,é=É");
            assertThat(evaluate("Range", "b", "ä")).isEqualTo("b=B,z=Z");
        }

        @Test
        void partialCompositeKeysFindTheirObjectTypeOnly() {
            ledger.submit("PutComposite", "batch", "0002", "second");
            ledger.submit("PutComposite", "batch", "0001", "first");
            ledger.submit("PutComposite", "msp", "Org1MSP", "yes");
            ledger.submit("Put", "plain", "x");

            assertThat(evaluate("Composite", "batch")).isEqualTo("0001=first,0002=second");
        }

        @Test
        void historyListsEveryVersionNewestFirstWithDeletes() {
            ledger.submit("Put", "k", "v1");
            ledger.submit("Put", "k", "v2");
            ledger.submit("Delete", "k");

            assertThat(evaluate("History", "k")).isEqualTo("<deleted>,v2,v1");
            assertThat(evaluate("Get", "k")).isEmpty();
        }
    }

    @Nested
    class ChainCheck {

        @BeforeEach
        void someBlocks() {
            ledger.submit("Put", "a", "1");
            ledger.submit("Put", "b", "2");
            ledger.submit("Put", "a", "3");
        }

        @Test
        void anUntouchedLedgerIsIntact() {
            ChainCheckResult result = ledger.checkChain();

            assertThat(result.intact()).as(result.problem()).isTrue();
            assertThat(result.height()).isEqualTo(3);
        }

        @Test
        void aLedgerThatGrowsWhileItIsCheckedIsIntact() throws Exception {
            for (int i = 0; i < 100; i++) {
                ledger.submit("Put", "k" + (i % 20), "v" + i);
            }
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                // A block every few milliseconds, as a busy hub anchors, while the chain is walked again and again.
                Future<Integer> written = writer.submit(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        ledger.submit("Put", n % 2 == 0 ? "k" + (n % 20) : "new" + n, "w" + n);
                        n++;
                        Thread.sleep(3);
                    }
                    return n;
                });
                List<ChainCheckResult> checks = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    checks.add(ledger.checkChain());
                }
                stop.set(true);
                assertThat(written.get())
                        .as("blocks committed while the checks ran")
                        .isPositive();
                assertThat(checks)
                        .allSatisfy(check ->
                                assertThat(check.intact()).as(check.problem()).isTrue());
                assertThat(checks.get(checks.size() - 1).height())
                        .isGreaterThan(checks.get(0).height());
            } finally {
                stop.set(true);
                writer.shutdownNow();
            }
        }

        @Test
        void survivesARestart() {
            restartDatabase();
            EmbeddedLedgerGateway reopened = open(dataSource);

            assertThat(reopened.height()).isEqualTo(3);
            assertThat(new String(reopened.evaluate("Get", "a"), StandardCharsets.UTF_8))
                    .isEqualTo("3");
            assertThat(reopened.checkChain().intact()).isTrue();
            assertThat(reopened.submit("Put", "c", "4").blockNumber()).isEqualTo(3);
        }

        @Test
        void detectsAnAlteredWriteInABlock() {
            jdbc.sql("UPDATE ledger_key_history SET state_value = ? WHERE block_number = 1")
                    .param("9".getBytes(StandardCharsets.UTF_8))
                    .update();

            ChainCheckResult result = ledger.checkChain();

            assertThat(result.intact()).isFalse();
            assertThat(result.badBlock()).isEqualTo(1);
            assertThat(result.problem()).contains("data hash");
        }

        @Test
        void detectsAnAlteredTransaction() {
            jdbc.sql("UPDATE ledger_transaction SET arguments = '[\"a\",\"7\"]' WHERE block_number = 2")
                    .update();

            assertThat(ledger.checkChain().badBlock()).isEqualTo(2);
        }

        @Test
        void detectsAnAlteredWorldStateRow() {
            jdbc.sql("UPDATE ledger_state SET state_value = ? WHERE state_key = ?")
                    .params("x".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8))
                    .update();

            ChainCheckResult result = ledger.checkChain();

            assertThat(result.intact()).isFalse();
            assertThat(result.problem()).contains("world state for key 'b'");
        }

        @Test
        void detectsAWorldStateRowNoBlockWrote() {
            jdbc.sql("INSERT INTO ledger_state (state_key, state_value, block_number, tx_id) VALUES (?, ?, 0, 'x')")
                    .params("forged".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8))
                    .update();

            assertThat(ledger.checkChain().problem()).contains("'forged' that no block wrote");
        }

        @Test
        void detectsARewrittenBlockHash() {
            jdbc.sql("UPDATE ledger_block SET block_hash = ? WHERE block_number = 0")
                    .param("ab".repeat(32))
                    .update();

            ChainCheckResult result = ledger.checkChain();

            assertThat(result.intact()).isFalse();
            assertThat(result.badBlock()).isZero();
        }

        @Test
        void detectsABlockResignedByAnotherKey() {
            LedgerIdentity intruder = TestIdentities.ledgerIdentity("HubMSP", "ledger0", "orderer");
            jdbc.sql("UPDATE ledger_block SET signer_certificate = ? WHERE block_number = 1")
                    .param(intruder.certificatePem())
                    .update();

            ChainCheckResult result = ledger.checkChain();

            assertThat(result.badBlock()).isEqualTo(1);
            assertThat(result.problem()).contains("untrusted certificate");
        }

        @Test
        void detectsADeletedLastBlock() {
            jdbc.sql("DELETE FROM ledger_key_history WHERE block_number = 2").update();
            jdbc.sql("DELETE FROM ledger_transaction WHERE block_number = 2").update();
            jdbc.sql("DELETE FROM ledger_block WHERE block_number = 2").update();

            ChainCheckResult result = ledger.checkChain();

            assertThat(result.intact()).isFalse();
            assertThat(result.badBlock()).isEqualTo(2);
            assertThat(result.problem()).contains("block 2 is missing");
        }
    }
}
