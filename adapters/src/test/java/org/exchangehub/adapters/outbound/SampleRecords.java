package org.exchangehub.adapters.outbound;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.exchangehub.adapters.hub.Delivery;

/** Canonical payloads as in the hub's examples (fake persons, region 99), and deliveries of them as the hub makes. */
public final class SampleRecords {

    public static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SampleRecords() {}

    public static ObjectNode project() {
        return parse("""
                {"projectId": "NJ-JY-2026-0017", "name": "江岸雅苑", "developer": "南京安居置业有限公司",
                 "district": "建邺区", "address": "南京市建邺区江东中路199号", "presalePermit": "宁房销第202600123号",
                 "totalBuildings": 6, "approvedAt": "2026-03-18"}
                """);
    }

    public static ObjectNode building() {
        return parse("""
                {"buildingId": "NJ-JY-2026-0017-B03", "projectId": "NJ-JY-2026-0017", "name": "3幢",
                 "floors": 26, "unitCount": 104}
                """);
    }

    public static ObjectNode unit() {
        return parse("""
                {"houseCode": "320105001017-B03-1203", "buildingId": "NJ-JY-2026-0017-B03",
                 "projectId": "NJ-JY-2026-0017", "floor": 12, "room": "1203", "buildingArea": 98.76,
                 "innerArea": 79.15, "use": "RESIDENTIAL", "saleStatus": "SIGNED", "listedPrice": 3456789.12}
                """);
    }

    public static ObjectNode contract() {
        return parse("""
                {"contractNo": "HT-2026-000123", "houseCode": "320105001017-B03-1203",
                 "buyers": [
                   {"name": "张伟", "idNumber": "990101199001011234", "phone": "13900000001"},
                   {"name": "李娜", "idNumber": "99010119920315002X"}],
                 "seller": {"name": "南京安居置业有限公司", "creditCode": "91320105MA1WKD0N3Q"},
                 "price": 3456789.12, "area": 98.76, "signedDate": "2026-04-02", "status": "SIGNED"}
                """);
    }

    public static ObjectNode cancelledContract() {
        ObjectNode contract = contract();
        contract.put("status", "CANCELLED");
        contract.put("cancelledDate", "2026-04-05");
        return contract;
    }

    public static ObjectNode filing() {
        return parse("""
                {"filingNo": "BA-2026-000456", "contractNo": "HT-2026-000123",
                 "houseCode": "320105001017-B03-1203", "filedDate": "2026-04-09", "status": "FILED"}
                """);
    }

    public static ObjectNode taxClearance() {
        return parse("""
                {"voucherNo": "WS-HT-2026-000123", "contractNo": "HT-2026-000123",
                 "taxpayer": {"name": "张伟", "idNumber": "990101199001011234"},
                 "taxAmount": 51851.84, "taxRate": 0.015, "paidDate": "2026-04-20"}
                """);
    }

    public static ObjectNode registration() {
        return parse("""
                {"certificateNo": "BDC-HT-2026-000123", "houseCode": "320105001017-B03-1203",
                 "contractNo": "HT-2026-000123",
                 "owners": [
                   {"name": "张伟", "idNumber": "990101199001011234"},
                   {"name": "李娜", "idNumber": "99010119920315002X"}],
                 "registeredDate": "2026-05-08", "result": "REGISTERED"}
                """);
    }

    /** The envelope the hub serves: type, id, version, source, payload. */
    public static ObjectNode envelope(String type, String id, int version, String source, JsonNode payload) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("type", type).put("id", id).put("version", version).put("source", source);
        envelope.set("payload", payload);
        return envelope;
    }

    /** A receipt as the hub serves it, enough for the adapters: they pass it on and read its id. */
    public static ObjectNode receipt(String type, String id, int version) {
        ObjectNode receipt = JSON.createObjectNode();
        receipt.put("receiptId", "R-" + type + "-" + id + "-" + version);
        receipt.put("status", "ANCHORED");
        receipt.putObject("record").put("type", type).put("id", id).put("version", version);
        receipt.put("digest", "ab".repeat(32));
        receipt.put("hashAlgorithm", "SHA-256");
        return receipt;
    }

    /** A delivery of {@code payload} as {@code type} with the given key field, version and id. */
    public static Delivery delivery(
            String deliveryId, String receiver, String type, String keyField, int version, JsonNode payload) {
        String id = payload.path(keyField).asText();
        String source = type.equals("TAX_CLEARANCE") ? "tax" : type.equals("REGISTRATION") ? "registry" : "housing";
        return new Delivery(
                deliveryId, receiver, envelope(type, id, version, source, payload), receipt(type, id, version));
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
