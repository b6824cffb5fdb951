package org.exchangehub.hub.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.exchangehub.hub.ledger.NotaryBatch;
import org.exchangehub.hub.ledger.NotaryLedger;

/**
 * Batch roots as the ledger holds them, and the block of each anchoring transaction. The chaincode never changes an
 * anchored batch and a committed transaction never moves to another block, so what was read once is kept (bounded,
 * least recently used first out); a batch not yet on the ledger is asked again every time.
 */
public final class LedgerRoots {

    private final NotaryLedger ledger;
    private final Map<String, NotaryBatch> cache;
    private final Map<String, Long> blocks;

    public LedgerRoots(NotaryLedger ledger, int capacity) {
        this.ledger = ledger;
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, NotaryBatch> eldest) {
                return size() > capacity;
            }
        });
        this.blocks = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        });
    }

    public Optional<NotaryBatch> batch(String batchId) {
        NotaryBatch cached = cache.get(batchId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<NotaryBatch> read = ledger.batch(batchId);
        read.ifPresent(batch -> cache.put(batchId, batch));
        return read;
    }

    /**
     * The number of the block holding a committed transaction, as the ledger says.
     *
     * @throws org.exchangehub.hub.ledger.LedgerRefusedException {@code TRANSACTION_NOT_FOUND} when it has none
     */
    public long blockNumberOf(String transactionId) {
        Long cached = blocks.get(transactionId);
        if (cached != null) {
            return cached;
        }
        long read = ledger.gateway().blockNumberOf(transactionId);
        blocks.put(transactionId, read);
        return read;
    }

    public NotaryLedger ledger() {
        return ledger;
    }
}
