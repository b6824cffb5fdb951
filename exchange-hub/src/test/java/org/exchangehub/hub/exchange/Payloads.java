package org.exchangehub.hub.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid payloads for tests, with clearly fake personal data. */
public final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    public static ObjectNode contract(String contractNo, String houseCode, String status) {
        ObjectNode contract = JSON.createObjectNode();
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
        contract.put("status", status);
        if ("CANCELLED".equals(status)) {
            contract.put("cancelledDate", "2026-11-20");
        }
        return contract;
    }

    public static ObjectNode unit(String houseCode, String saleStatus, double listedPrice) {
        ObjectNode unit = JSON.createObjectNode();
        unit.put("houseCode", houseCode);
        unit.put("buildingId", "B-001");
        unit.put("projectId", "P-001");
        unit.put("floor", 12);
        unit.put("room", "1202");
        unit.put("buildingArea", 89.5);
        unit.put("use", "RESIDENTIAL");
        unit.put("saleStatus", saleStatus);
        unit.put("listedPrice", listedPrice);
        return unit;
    }

    public static ObjectNode taxClearance(String voucherNo, String contractNo) {
        ObjectNode voucher = JSON.createObjectNode();
        voucher.put("voucherNo", voucherNo);
        voucher.put("contractNo", contractNo);
        ObjectNode taxpayer = voucher.putObject("taxpayer");
        taxpayer.put("name", "张测试");
        taxpayer.put("idNumber", "11010519900307001X");
        voucher.put("taxAmount", 70_500.00);
        voucher.put("taxRate", 0.03);
        voucher.put("paidDate", "2026-11-10");
        return voucher;
    }
}
