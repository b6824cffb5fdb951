package org.exchangehub.hub.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerMode;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LedgerRootsTests {

    /** A gateway that only knows in which block each transaction lies, and counts how often it was asked. */
    static final class BlockIndex implements LedgerGateway {
        final Map<String, Long> blocks = new HashMap<>(Map.of("tx-1", 7L));
        int asked;

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
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] evaluate(String transaction, String... arguments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long height() {
            return 8;
        }

        @Override
        public long blockNumberOf(String transactionId) {
            asked++;
            Long block = blocks.get(transactionId);
            if (block == null) {
                throw new LedgerRefusedException("TRANSACTION_NOT_FOUND", "no transaction " + transactionId);
            }
            return block;
        }
    }

    @Nested
    class BlockNumberOf {

        @Test
        void asksTheLedgerOncePerTransactionBecauseACommittedTransactionNeverMoves() {
            BlockIndex ledger = new BlockIndex();
            LedgerRoots roots = new LedgerRoots(new NotaryLedger(ledger), 16);

            long first = roots.blockNumberOf("tx-1");
            long second = roots.blockNumberOf("tx-1");

            assertThat(first).isEqualTo(7);
            assertThat(second).isEqualTo(7);
            assertThat(ledger.asked).isEqualTo(1);
        }

        @Test
        void keepsNoAnswerForATransactionTheLedgerDoesNotHave() {
            BlockIndex ledger = new BlockIndex();
            LedgerRoots roots = new LedgerRoots(new NotaryLedger(ledger), 16);

            assertThatThrownBy(() -> roots.blockNumberOf("tx-2")).isInstanceOf(LedgerRefusedException.class);
            ledger.blocks.put("tx-2", 9L);

            assertThat(roots.blockNumberOf("tx-2")).isEqualTo(9);
            assertThat(ledger.asked).isEqualTo(2);
        }
    }
}
