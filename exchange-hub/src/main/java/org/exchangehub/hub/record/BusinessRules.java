package org.exchangehub.hub.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;

/**
 * The rules of MISSION.md that span records: one active contract per unit (一房一合同, refusing 一房两卖), a cancelled
 * contract frees its unit, a cancelled contract or revoked filing revokes the record.
 */
final class BusinessRules {

    private BusinessRules() {}

    /** Which contract is active on a unit, as the versions accepted so far leave it. */
    interface ContractIndex {
        Optional<String> activeContract(String houseCode);
    }

    /**
     * What accepting a version does besides appending it: whether it revokes the record, and how it changes the
     * one-active-contract-per-unit index: makes {@code contractNo} the active contract of {@code houseCode}, frees the
     * unit {@code contractNo} holds ({@code houseCode} null), or nothing (both null).
     */
    record Effect(boolean revokes, String contractNo, String houseCode) {
        boolean activates() {
            return contractNo != null && houseCode != null;
        }

        boolean releases() {
            return contractNo != null && houseCode == null;
        }
    }

    private static final Effect NONE = new Effect(false, null, null);

    static Effect check(ContractIndex index, RecordType type, String id, JsonNode payload) {
        String status = payload.path("status").asText("");
        return switch (type) {
            case CONTRACT -> contract(index, id, houseCode(payload), status);
            case FILING -> "REVOKED".equals(status) ? new Effect(true, null, null) : NONE;
            default -> NONE;
        };
    }

    /** The unit a contract payload is on. */
    static String houseCode(JsonNode contractPayload) {
        return contractPayload.path("houseCode").asText();
    }

    private static Effect contract(ContractIndex index, String contractNo, String houseCode, String status) {
        if ("CANCELLED".equals(status)) {
            return new Effect(true, contractNo, null);
        }
        index.activeContract(houseCode)
                .filter(active -> !active.equals(contractNo))
                .ifPresent(active -> {
                    throw new ApiException(
                            ApiProblem.UNIT_HAS_ACTIVE_CONTRACT,
                            "unit " + houseCode + " already has active contract " + active + "; contract " + contractNo
                                    + " is refused (一房两卖)",
                            Map.of("conflictingContract", active, "houseCode", houseCode));
                });
        return new Effect(false, contractNo, houseCode);
    }
}
