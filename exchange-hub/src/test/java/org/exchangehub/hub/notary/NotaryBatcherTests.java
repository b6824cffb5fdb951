package org.exchangehub.hub.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerMode;
import org.exchangehub.hub.ledger.LedgerProbe;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The batcher alone: its store is a mock, its transactions real ones (an in-memory H2 behind a transaction manager),
 * and its ledger a double that notes whether a transaction is open when it is called.
 */
class NotaryBatcherTests {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final String ROOT = "ab".repeat(32);

    final NotaryStore store = mock(NotaryStore.class);
    final TransactionNotingLedger ledger = new TransactionNotingLedger();
    final NotaryBatcher batcher = new NotaryBatcher(
            store,
            new NotaryLedger(ledger),
            new LedgerProbe(new NotaryLedger(ledger), Clock.fixed(NOW, ZoneOffset.UTC)),
            null,
            new NotaryProperties(
                    4096,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(5),
                    false,
                    8,
                    Duration.ofMinutes(2),
                    Duration.ofSeconds(1)),
            new DataSourceTransactionManager(inMemoryDatabase()),
            Clock.fixed(NOW, ZoneOffset.UTC),
            null);

    static JdbcDataSource inMemoryDatabase() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:notary-batcher-tests;DB_CLOSE_DELAY=-1");
        return db;
    }

    static NotaryStore.Batch sealed(String batchId, int leaves) {
        return new NotaryStore.Batch(
                batchId,
                1,
                ROOT,
                leaves,
                "SHA-256",
                "SEALED",
                NOW,
                "sig",
                "SHA256withECDSA",
                "pem",
                null,
                null,
                0,
                null,
                new byte[0]);
    }

    @Nested
    class Anchoring {

        @Test
        void callsTheLedgerWithNoTransactionOpenAndRecordsTheOutcomeUnderItsClaim() {
            when(store.claimSealed(anyString(), eq(NOW), eq(NOW.plus(Duration.ofMinutes(2)))))
                    .thenReturn(Optional.of(sealed("b-1", 7)), Optional.empty());
            when(store.markAnchored(eq("b-1"), anyString(), any(), any())).thenReturn(true);

            assertThat(batcher.anchorSealed()).isEqualTo(7);

            assertThat(ledger.transactionOpenAtEachCall).containsExactly(false);
            ArgumentCaptor<String> claim = ArgumentCaptor.forClass(String.class);
            verify(store, times(2)).claimSealed(claim.capture(), any(), any());
            verify(store).markAnchored(eq("b-1"), eq(claim.getAllValues().get(0)), any(), eq(NOW));
        }

        @Test
        void countsNothingWhenTheClaimWasTakenOverMeanwhile() {
            when(store.claimSealed(anyString(), any(), any()))
                    .thenReturn(Optional.of(sealed("b-2", 5)), Optional.empty());
            when(store.markAnchored(eq("b-2"), anyString(), any(), any())).thenReturn(false);

            assertThat(batcher.anchorSealed()).isZero();
            assertThat(ledger.transactionOpenAtEachCall).containsExactly(false);
        }
    }

    /** A ledger that anchors every batch at block 3 and notes, at each submit, whether a transaction is open. */
    static final class TransactionNotingLedger implements LedgerGateway {
        final List<Boolean> transactionOpenAtEachCall = new java.util.ArrayList<>();

        @Override
        public LedgerMode mode() {
            return LedgerMode.EMBEDDED;
        }

        @Override
        public String channel() {
            return "housing";
        }

        @Override
        public Submitted submit(String transaction, String... arguments) {
            transactionOpenAtEachCall.add(TransactionSynchronizationManager.isActualTransactionActive());
            String batch = "{\"batchId\":\"" + arguments[0] + "\",\"merkleRoot\":\"" + arguments[1]
                    + "\",\"leafCount\":"
                    + arguments[2] + ",\"hashAlgorithm\":\"" + arguments[3] + "\",\"submitterMspId\":\"HubMSP\","
                    + "\"anchoredAt\":\"" + NOW + "\",\"txId\":\"tx-1\",\"sequence\":1}";
            return new Submitted(batch.getBytes(StandardCharsets.UTF_8), "tx-1", 3);
        }

        @Override
        public byte[] evaluate(String transaction, String... arguments) {
            throw new UnsupportedOperationException(transaction);
        }

        @Override
        public long height() {
            return 4;
        }

        @Override
        public long blockNumberOf(String transactionId) {
            return 3;
        }
    }
}
