package org.exchangehub.hub.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Deliveries per receiver, and the dead letters an operator inspects and replays. */
@Tag(name = "delivery")
@RestController
class DeliveryController {

    private final DeliveryStore store;
    private final DeadLetterService deadLetters;

    DeliveryController(DeliveryStore store, DeadLetterService deadLetters) {
        this.store = store;
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "Per receiver: deliveries delivered, pending, retrying and dead")
    @GetMapping("/api/v1/deliveries")
    List<DeliveryStore.ReceiverCounts> counts() {
        return store.counts();
    }

    @Operation(summary = "One delivery: its state, attempts and last error")
    @GetMapping("/api/v1/deliveries/{deliveryId}")
    DeliveryStore.Delivery delivery(@PathVariable String deliveryId) {
        return store.delivery(deliveryId)
                .orElseThrow(() -> new ApiException(ApiProblem.DELIVERY_NOT_FOUND, "no delivery " + deliveryId));
    }

    @Operation(summary = "Dead letters, newest first, of one receiver or all")
    @GetMapping("/api/v1/dead-letters")
    List<DeliveryStore.DeadLetter> deadLetters(
            @RequestParam Optional<String> receiver, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ApiException(ApiProblem.BAD_REQUEST, "limit must be within 1..1000, got " + limit);
        }
        return store.deadLetters(receiver, limit);
    }

    @Operation(summary = "One dead letter: the delivery, the record it carries, the error of its last attempt")
    @GetMapping("/api/v1/dead-letters/{deliveryId}")
    DeliveryStore.DeadLetter deadLetter(@PathVariable String deliveryId) {
        return store.deadLetter(deliveryId)
                .orElseThrow(() ->
                        new ApiException(ApiProblem.DEAD_LETTER_NOT_FOUND, "no dead letter with id " + deliveryId));
    }

    /** What a replay did. */
    record Replayed(List<String> deliveryIds) {}

    @Operation(summary = "Replay one dead letter through its receiver's route")
    @PostMapping("/api/v1/dead-letters/{deliveryId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replayed replay(@PathVariable String deliveryId) {
        deadLetters.replay(deliveryId);
        return new Replayed(List.of(deliveryId));
    }

    @Operation(summary = "Replay every dead letter of a receiver")
    @PostMapping("/api/v1/dead-letters/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replayed replayAll(@RequestParam String receiver) {
        return new Replayed(deadLetters.replayAll(receiver));
    }
}
