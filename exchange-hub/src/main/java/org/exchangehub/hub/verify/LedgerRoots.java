package org.exchangehub.hub.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.exchangehub.hub.ledger.NotaryBatch;
import org.exchangehub.hub.ledger.NotaryLedger;

/**
 * Batch roots as the ledger holds them. The chaincode never changes an anchored batch, so what was read once is kept
 * (bounded, least recently used first out); a batch not yet on the ledger is asked again every time.
 */
public final class LedgerRoots {

    private final NotaryLedger ledger;
    private final Map<String, NotaryBatch> cache;

    public LedgerRoots(NotaryLedger ledger, int capacity) {
        this.ledger = ledger;
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, NotaryBatch> eldest) {
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

    public NotaryLedger ledger() {
        return ledger;
    }
}
