package org.exchangehub.hub.notary;

import org.exchangehub.hub.record.RecordsAppended;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Queues every appended record version for sealing, inside its appending transaction: a version is never stored
 * without being queued, nor queued without being stored.
 */
@Component
class RecordsToSeal {

    private final NotaryStore store;

    RecordsToSeal(NotaryStore store) {
        this.store = store;
    }

    @EventListener
    void onAppended(RecordsAppended appended) {
        store.enqueue(appended.versions().stream()
                .map(v -> new NotaryStore.PendingLeaf(v.seq(), v.type().name(), v.digest(), v.hashAlgorithm()))
                .toList());
    }
}
