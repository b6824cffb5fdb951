package org.exchangehub.adapters.tax;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.outbound.AgencyMessage;

/**
 * Maps a delivered CONTRACT or FILING to the tax bureau's native JSON (pinyin-initial field names, Chinese status
 * words), with the canonical record and its receipt under {@code record} and {@code receipt} for the bureau to verify
 * through the hub.
 */
public final class TaxMessageMapping {

    static final String CONTRACTS_PATH = "/contracts";
    static final String FILINGS_PATH = "/filings";

    private static final Map<String, String> CONTRACT_STATUS =
            Map.of("SIGNED", "已签约", "CHANGED", "已变更", "CANCELLED", "已撤销");
    private static final Map<String, String> FILING_STATUS = Map.of("FILED", "已备案", "REVOKED", "已撤销");

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /** The message for {@code delivery}; throws for a type the tax bureau does not take. */
    public AgencyMessage message(Delivery delivery) {
        return switch (delivery.type()) {
            case "CONTRACT" -> new AgencyMessage(CONTRACTS_PATH, contract(delivery));
            case "FILING" -> new AgencyMessage(FILINGS_PATH, filing(delivery));
            default ->
                throw new IllegalArgumentException(
                        "the tax bureau takes CONTRACT and FILING, not " + delivery.type() + " " + delivery.id());
        };
    }

    /**
     * 合同信息: HTBH contract no, FWBM house code, JYJG price (yuan), MJ area (m²), QYRQ signed date, HTZT status, CXRQ
     * cancelled date, BGYY change reason, MSF buyers [{XM name, ZJHM id number}] (no phones: tax needs none), CSF seller
     * {MC name, TYSHXYDM credit code}, BBH version.
     */
    ObjectNode contract(Delivery delivery) {
        JsonNode payload = delivery.payload();
        ObjectNode message = nodes.objectNode();
        message.put("HTBH", payload.path("contractNo").asText());
        message.put("FWBM", payload.path("houseCode").asText());
        message.set("JYJG", payload.path("price"));
        message.set("MJ", payload.path("area"));
        message.put("QYRQ", payload.path("signedDate").asText());
        message.put("HTZT", nativeStatus(CONTRACT_STATUS, payload.path("status").asText()));
        copyText(payload, "cancelledDate", message, "CXRQ");
        copyText(payload, "changeReason", message, "BGYY");
        ArrayNode buyers = message.putArray("MSF");
        payload.path("buyers")
                .forEach(buyer -> buyers.addObject()
                        .put("XM", buyer.path("name").asText())
                        .put("ZJHM", buyer.path("idNumber").asText()));
        message.putObject("CSF")
                .put("MC", payload.path("seller").path("name").asText())
                .put("TYSHXYDM", payload.path("seller").path("creditCode").asText());
        return withProof(message, delivery);
    }

    /** 备案信息: BABH filing no, HTBH contract no, FWBM house code, BARQ filed date, BAZT status, BBH version. */
    ObjectNode filing(Delivery delivery) {
        JsonNode payload = delivery.payload();
        ObjectNode message = nodes.objectNode();
        message.put("BABH", payload.path("filingNo").asText());
        message.put("HTBH", payload.path("contractNo").asText());
        message.put("FWBM", payload.path("houseCode").asText());
        message.put("BARQ", payload.path("filedDate").asText());
        message.put("BAZT", nativeStatus(FILING_STATUS, payload.path("status").asText()));
        return withProof(message, delivery);
    }

    private ObjectNode withProof(ObjectNode message, Delivery delivery) {
        message.put("BBH", delivery.version());
        message.set("record", delivery.record());
        message.set("receipt", delivery.receipt());
        return message;
    }

    private static String nativeStatus(Map<String, String> words, String status) {
        String word = words.get(status);
        if (word == null) {
            throw new IllegalArgumentException("no tax bureau word for status " + status);
        }
        return word;
    }

    private static void copyText(JsonNode from, String field, ObjectNode to, String nativeField) {
        if (from.hasNonNull(field)) {
            to.put(nativeField, from.get(field).asText());
        }
    }
}
