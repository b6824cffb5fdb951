package org.exchangehub.hub.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractList;
import java.util.List;
import org.exchangehub.hub.record.PublishRequest;

/**
 * Distinct, schema-valid records for the benchmark, all published by the housing bureau: pairs of a unit and a signed
 * contract on that unit, so that half the records go through the one-active-contract-per-unit rule. The personal data
 * is clearly fake (the same as the tests' payloads).
 */
final class BenchRecords {

    static final String AGENCY = "housing";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private BenchRecords() {}

    /**
     * {@code count} new records whose ids start with {@code prefix}: unit, contract on it, next unit, ... Each is made
     * when it is read, not held: 300,000 records of JSON trees held for a run took ~1 GB of heap.
     */
    static List<PublishRequest> of(String prefix, int count) {
        return new AbstractList<>() {
            @Override
            public PublishRequest get(int index) {
                if (index < 0 || index >= count) {
                    throw new IndexOutOfBoundsException(index);
                }
                int pair = index / 2;
                String houseCode = "FW-" + prefix + "-" + pair;
                if (typeOf(index).equals("UNIT")) {
                    return new PublishRequest("UNIT", houseCode, null, unit(houseCode, 9_000 + pair % 1000));
                }
                String contractNo = "HT-" + prefix + "-" + pair;
                return new PublishRequest("CONTRACT", contractNo, null, contract(contractNo, houseCode));
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /** The record type of the record at {@code index} of {@link #of}: UNIT at even indexes, CONTRACT at odd ones. */
    static String typeOf(int index) {
        return index % 2 == 0 ? "UNIT" : "CONTRACT";
    }

    /** The index in {@link #of}{@code (prefix, ...)} of the record with {@code id}; -1 when it is not one of those. */
    static int indexOf(String prefix, String id) {
        boolean unit = id.startsWith("FW-" + prefix + "-");
        if (!unit && !id.startsWith("HT-" + prefix + "-")) {
            return -1;
        }
        try {
            int pair = Integer.parseInt(id.substring(prefix.length() + 4));
            return pair < 0 ? -1 : 2 * pair + (unit ? 0 : 1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static ObjectNode unit(String houseCode, double listedPrice) {
        ObjectNode unit = JSON.objectNode();
        unit.put("houseCode", houseCode);
        unit.put("buildingId", "B-001");
        unit.put("projectId", "P-001");
        unit.put("floor", 12);
        unit.put("room", "1202");
        unit.put("buildingArea", 89.5);
        unit.put("use", "RESIDENTIAL");
        unit.put("saleStatus", "AVAILABLE");
        unit.put("listedPrice", listedPrice);
        return unit;
    }

    static ObjectNode contract(String contractNo, String houseCode) {
        ObjectNode contract = JSON.objectNode();
        contract.put("contractNo", contractNo);
        contract.put("houseCode", houseCode);
        ObjectNode buyer = contract.putArray("buyers").addObject();
        buyer.put("name", "张测试");
        buyer.put("idNumber", "11010519900307001X");
        buyer.put("phone", "13800000000");
        ObjectNode seller = contract.putObject("seller");
        seller.put("name", "示例置业有限公司");
        seller.put("creditCode", "91110000MA00000000");
        contract.put("price", 2_350_000.00);
        contract.put("area", 89.5);
        contract.put("signedDate", "2026-11-02");
        contract.put("status", "SIGNED");
        return contract;
    }
}
