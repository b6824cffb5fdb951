package org.exchangehub.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.exchangehub.adapters.hub.CanonicalRecord;

/**
 * Maps the registry's registration result (登记信息: BDCQZH certificate no, FWBM house code, HTBH contract no, QLR
 * owners [{XM, ZJHM}], DJRQ date, DJJG 登记 or 不予登记, BYDJYY reason) to a REGISTRATION record.
 */
public final class RegistrationMapping {

    static final String REGISTERED = "登记";
    static final String REJECTED = "不予登记";

    /** The schema's limit on rejectReason. */
    private static final int REASON_LIMIT = 500;

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /** The REGISTRATION for {@code result}, version left to the hub; throws naming the first field that is wrong. */
    public CanonicalRecord toRecord(JsonNode result) {
        String certificateNo = text(result, "BDCQZH");
        ObjectNode payload = nodes.objectNode();
        payload.put("certificateNo", certificateNo);
        payload.put("houseCode", text(result, "FWBM"));
        payload.put("contractNo", text(result, "HTBH"));
        ArrayNode owners = payload.putArray("owners");
        for (JsonNode owner : result.path("QLR")) {
            owners.addObject().put("name", text(owner, "XM")).put("idNumber", text(owner, "ZJHM"));
        }
        if (owners.isEmpty()) {
            throw new IllegalArgumentException("registration result field QLR has no owner");
        }
        payload.put("registeredDate", date(result, "DJRQ"));
        String outcome = text(result, "DJJG");
        switch (outcome) {
            case REGISTERED -> payload.put("result", "REGISTERED");
            case REJECTED -> {
                payload.put("result", "REJECTED");
                payload.put("rejectReason", reason(result));
            }
            default ->
                throw new IllegalArgumentException("registration result field DJJG is neither " + REGISTERED + " nor "
                        + REJECTED + ": " + outcome);
        }
        return new CanonicalRecord("REGISTRATION", certificateNo, null, payload);
    }

    private static String reason(JsonNode result) {
        // the schema requires a reason for a refusal; a registry that gives none still refused
        String reason = result.path("BYDJYY").asText("").strip();
        if (reason.isEmpty()) {
            reason = "不予登记 (no reason given by the registry)";
        }
        return reason.length() <= REASON_LIMIT ? reason : reason.substring(0, REASON_LIMIT - 1) + "…";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("registration result field " + field + " is missing or not text");
        }
        return value.asText().strip();
    }

    private static String date(JsonNode node, String field) {
        try {
            return LocalDate.parse(text(node, field)).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("registration result field " + field + " is not a date yyyy-MM-dd", e);
        }
    }
}
