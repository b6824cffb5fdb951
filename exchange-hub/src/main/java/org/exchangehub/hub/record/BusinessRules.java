package org.exchangehub.hub.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.BiConsumer;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;

/**
 * The rules of MISSION.md that span records: one active contract per unit (一房一合同, refusing 一房两卖), a cancelled
 * contract frees its unit, a cancelled contract or revoked filing revokes the record.
 */
final class BusinessRules {

    private BusinessRules() {}

    /** What accepting a version does besides appending it: whether it revokes the record, and an index update. */
    record Effect(boolean revokes, BiConsumer<RecordStore, Long> action) {
        void apply(RecordStore store, long seq) {
            action.accept(store, seq);
        }
    }

    private static final Effect NONE = new Effect(false, (store, seq) -> {});

    static Effect check(RecordStore store, RecordType type, String id, JsonNode payload) {
        String status = payload.path("status").asText("");
        return switch (type) {
            case CONTRACT -> contract(store, id, payload.path("houseCode").asText(), status);
            case FILING -> "REVOKED".equals(status) ? new Effect(true, (s, seq) -> {}) : NONE;
            default -> NONE;
        };
    }

    private static Effect contract(RecordStore store, String contractNo, String houseCode, String status) {
        if ("CANCELLED".equals(status)) {
            return new Effect(true, (s, seq) -> s.releaseContract(contractNo));
        }
        store.activeContract(houseCode)
                .filter(active -> !active.equals(contractNo))
                .ifPresent(active -> {
                    throw new ApiException(
                            ApiProblem.UNIT_HAS_ACTIVE_CONTRACT,
                            "unit " + houseCode + " already has active contract " + active + "; contract " + contractNo
                                    + " is refused (一房两卖)",
                            Map.of("conflictingContract", active, "houseCode", houseCode));
                });
        return new Effect(false, (s, seq) -> s.activateContract(houseCode, contractNo, seq));
    }
}
