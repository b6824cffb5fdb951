package org.exchangehub.hub.delivery;

import java.time.Clock;
import java.util.List;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Replays dead letters: a replayed delivery goes back to the queue and through the same route, with fresh attempts. */
@Component
public class DeadLetterService {

    private final DeliveryStore store;
    private final DeliveryProperties properties;
    private final Clock clock;

    DeadLetterService(DeliveryStore store, DeliveryProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Replays one dead letter. */
    @Transactional
    public void replay(String deliveryId) {
        DeliveryStore.DeadLetter letter = store.deadLetter(deliveryId)
                .orElseThrow(() ->
                        new ApiException(ApiProblem.DEAD_LETTER_NOT_FOUND, "no dead letter with id " + deliveryId));
        if (!store.replay(deliveryId, clock.instant())) {
            throw new ApiException(
                    ApiProblem.DELIVERY_NOT_DEAD,
                    "delivery " + deliveryId + " is " + letter.state() + ", not DEAD; only dead letters are replayed");
        }
    }

    /** Replays every dead letter of a receiver; returns their ids. */
    @Transactional
    public List<String> replayAll(String receiver) {
        if (!properties.subscriptions().containsKey(receiver)) {
            throw new ApiException(
                    ApiProblem.RECEIVER_UNKNOWN,
                    "no receiver '" + receiver + "'; receivers: "
                            + properties.subscriptions().keySet());
        }
        List<String> ids = store.deadIds(receiver);
        ids.forEach(id -> store.replay(id, clock.instant()));
        return ids;
    }
}
