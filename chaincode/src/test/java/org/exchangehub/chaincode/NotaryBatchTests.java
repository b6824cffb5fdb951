package org.exchangehub.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class NotaryBatchTests {

    private final NotaryBatch batch =
            new NotaryBatch("batch-7", "ab".repeat(32), 12, "SM3", "Org1MSP", "2026-11-23T09:30:00Z", "tx-7", 7);

    @Test
    void writesSortedKeysWithoutWhitespace() {
        assertThat(batch.toJson())
                .isEqualTo("{\"anchoredAt\":\"2026-11-23T09:30:00Z\",\"batchId\":\"batch-7\",\"hashAlgorithm\":\"SM3\","
                        + "\"leafCount\":12,\"merkleRoot\":\"" + "ab".repeat(32) + "\",\"sequence\":7,"
                        + "\"submitterMspId\":\"Org1MSP\",\"txId\":\"tx-7\"}");
    }

    @Test
    void readsWhatItWrites() {
        assertThat(NotaryBatch.fromJson(batch.toJson())).isEqualTo(batch);
    }

    @Test
    void refusesJsonThatIsNotABatch() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NotaryBatch.fromJson("{\"batchId\":\"b\"}"))
                .withMessageStartingWith("not a notary batch: ");
        assertThatIllegalArgumentException().isThrownBy(() -> NotaryBatch.fromJson("[]"));
    }

    @Test
    void requiresEveryTextField() {
        assertThatNullPointerException()
                .isThrownBy(() -> new NotaryBatch("b", null, 1, "SM3", "Org1MSP", "t", "tx", 1))
                .withMessage("merkleRoot");
    }
}
