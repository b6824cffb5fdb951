package org.exchangehub.adapters.housing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.exchangehub.adapters.inbound.NativeFields;
import org.exchangehub.adapters.inbound.NativeMapping;

/**
 * The housing bureau's native records (exchange table columns, XML elements and CSV headers share the bureau's names)
 * mapped to the canonical PROJECT, BUILDING, UNIT, CONTRACT and FILING payloads. Optional native fields that are
 * absent are left out of the payload; the hub checks the rest against its schemas.
 */
public final class HousingMapping {

    /** 房屋用途 FWYT. */
    static final Map<String, String> USES = codes("住宅 商业 办公 车位 其他", "RESIDENTIAL COMMERCIAL OFFICE PARKING OTHER");

    /** 销售状态 XSZT. */
    static final Map<String, String> SALE_STATUSES =
            codes("可售 已预订 已签约 已备案 已登记 不可售", "AVAILABLE RESERVED SIGNED FILED REGISTERED NOT_FOR_SALE");

    /** 合同状态 HTZT. */
    static final Map<String, String> CONTRACT_STATUSES = codes("已签约 已变更 已撤销", "SIGNED CHANGED CANCELLED");

    /** 备案状态 BAZT. */
    static final Map<String, String> FILING_STATUSES = codes("已备案 已撤销", "FILED REVOKED");

    public static final NativeMapping PROJECT = new NativeMapping("PROJECT", "XMBH", HousingMapping::project);
    public static final NativeMapping BUILDING = new NativeMapping("BUILDING", "LDBH", HousingMapping::building);
    public static final NativeMapping UNIT = new NativeMapping("UNIT", "FWBM", HousingMapping::unit);
    public static final NativeMapping CONTRACT = new NativeMapping("CONTRACT", "HTBH", HousingMapping::contract);
    public static final NativeMapping FILING = new NativeMapping("FILING", "BABH", HousingMapping::filing);

    private HousingMapping() {}

    static ObjectNode project(NativeFields row) {
        ObjectNode payload = NativeMapping.newPayload();
        payload.put("projectId", row.text("XMBH"));
        payload.put("name", row.text("XMMC"));
        payload.put("developer", row.text("KFQY"));
        payload.put("district", row.text("XZQ"));
        payload.put("address", row.text("XMDZ"));
        payload.put("presalePermit", row.text("YSXKZH"));
        row.optionalInteger("LDS").ifPresent(count -> payload.put("totalBuildings", count));
        row.optionalDate("PZRQ").ifPresent(date -> payload.put("approvedAt", date.toString()));
        return payload;
    }

    static ObjectNode building(NativeFields row) {
        ObjectNode payload = NativeMapping.newPayload();
        payload.put("buildingId", row.text("LDBH"));
        payload.put("projectId", row.text("XMBH"));
        payload.put("name", row.text("LDMC"));
        payload.put("floors", row.integer("ZCS"));
        payload.put("unitCount", row.integer("HS"));
        return payload;
    }

    static ObjectNode unit(NativeFields row) {
        ObjectNode payload = NativeMapping.newPayload();
        payload.put("houseCode", row.text("FWBM"));
        payload.put("buildingId", row.text("LDBH"));
        payload.put("projectId", row.text("XMBH"));
        payload.put("floor", row.integer("SZC"));
        payload.put("room", row.text("FH"));
        payload.put("buildingArea", row.decimal("JZMJ"));
        row.optionalDecimal("TNMJ").ifPresent(area -> payload.put("innerArea", area));
        payload.put("use", row.code("FWYT", USES));
        payload.put("saleStatus", row.code("XSZT", SALE_STATUSES));
        payload.put("listedPrice", row.decimal("BAJG"));
        return payload;
    }

    static ObjectNode contract(NativeFields row) {
        ObjectNode payload = NativeMapping.newPayload();
        payload.put("contractNo", row.text("HTBH"));
        payload.put("houseCode", row.text("FWBM"));
        ArrayNode buyers = payload.putArray("buyers");
        for (NativeFields buyer : row.list("MSRXX")) {
            ObjectNode person = buyers.addObject();
            person.put("name", buyer.text("XM"));
            person.put("idNumber", buyer.text("ZJHM"));
            buyer.optionalText("LXDH").ifPresent(phone -> person.put("phone", phone));
        }
        ObjectNode seller = payload.putObject("seller");
        seller.put("name", row.text("CMR"));
        // Nullable in the exchange table but required by the schema: left out, the hub refuses it with its reason.
        row.optionalText("CMRZJHM").ifPresent(code -> seller.put("creditCode", code));
        payload.put("price", row.decimal("HTJE"));
        payload.put("area", row.decimal("HTMJ"));
        payload.put("signedDate", row.date("QYRQ").toString());
        payload.put("status", row.code("HTZT", CONTRACT_STATUSES));
        row.optionalDate("CXRQ").ifPresent(date -> payload.put("cancelledDate", date.toString()));
        row.optionalText("BGYY").ifPresent(reason -> payload.put("changeReason", reason));
        return payload;
    }

    static ObjectNode filing(NativeFields row) {
        ObjectNode payload = NativeMapping.newPayload();
        payload.put("filingNo", row.text("BABH"));
        payload.put("contractNo", row.text("HTBH"));
        payload.put("houseCode", row.text("FWBM"));
        payload.put("filedDate", row.date("BARQ").toString());
        payload.put("status", row.code("BAZT", FILING_STATUSES));
        return payload;
    }

    /** The native codes and their canonical codes, both space-separated in the same order. */
    private static Map<String, String> codes(String natives, String canonicals) {
        String[] nativeCodes = natives.split(" ");
        String[] canonicalCodes = canonicals.split(" ");
        if (nativeCodes.length != canonicalCodes.length) {
            throw new IllegalArgumentException(natives + " do not pair with " + canonicals);
        }
        // Insertion order, so an error message lists the accepted values as the bureau's documents do.
        Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i < nativeCodes.length; i++) {
            codes.put(nativeCodes[i], canonicalCodes[i]);
        }
        return Collections.unmodifiableMap(codes);
    }
}
