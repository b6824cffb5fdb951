package org.exchangehub.hub.agency;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The housing bureau's own system in a test: writes rows into its front-end database's exchange tables with the
 * bureau's column names, and reads what the hub wrote back (row status, inbox, funds releases).
 */
final class HousingBureau {

    private final JdbcClient db;

    HousingBureau(DataSource frontEnd) {
        this.db = JdbcClient.create(frontEnd);
    }

    void project(String projectId, String name, String district) {
        db.sql("INSERT INTO EXCH_PROJECT (XMBH, XMMC, KFQY, XZQ, XMDZ, YSXKZH, LDS) VALUES (?, ?, ?, ?, ?, ?, 1)")
                .params(projectId, name, "测试置业有限公司", district, district + "测试路1号", "宁房预售第20260001号")
                .update();
    }

    void building(String buildingId, String projectId, int floors, int units) {
        db.sql("INSERT INTO EXCH_BUILDING (LDBH, XMBH, LDMC, ZCS, HS) VALUES (?, ?, ?, ?, ?)")
                .params(buildingId, projectId, "1号楼", floors, units)
                .update();
    }

    void unit(String houseCode, String buildingId, String projectId, int floor, String room, String saleStatus) {
        db.sql("INSERT INTO EXCH_UNIT (FWBM, LDBH, XMBH, SZC, FH, JZMJ, TNMJ, FWYT, XSZT, BAJG)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, '住宅', ?, ?)")
                .params(
                        houseCode,
                        buildingId,
                        projectId,
                        floor,
                        room,
                        new BigDecimal("89.50"),
                        new BigDecimal("71.60"),
                        saleStatus,
                        new BigDecimal("2350000.00"))
                .update();
    }

    /** A contract row: status 已签约, 已变更 or 已撤销 (then with a cancellation date). */
    void contract(String contractNo, String houseCode, String status) {
        db.sql("INSERT INTO EXCH_CONTRACT (HTBH, FWBM, MSRXX, CMR, CMRZJHM, HTJE, HTMJ, QYRQ, HTZT, CXRQ)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        contractNo,
                        houseCode,
                        "[{\"XM\":\"张测试\",\"ZJHM\":\"990101199001011234\",\"LXDH\":\"13900000001\"}]",
                        "测试置业有限公司",
                        "91320105MA1WKD0N3Q",
                        new BigDecimal("2350000.00"),
                        new BigDecimal("89.50"),
                        LocalDate.of(2026, 11, 2),
                        status,
                        "已撤销".equals(status) ? LocalDate.of(2026, 11, 20) : null)
                .update();
    }

    void filing(String filingNo, String contractNo, String houseCode) {
        db.sql("INSERT INTO EXCH_FILING (BABH, HTBH, FWBM, BARQ, BAZT) VALUES (?, ?, ?, ?, '已备案')")
                .params(filingNo, contractNo, houseCode, LocalDate.of(2026, 11, 9))
                .update();
    }

    /** The processing columns of the rows of {@code table} whose key column is {@code key}, oldest first. */
    List<Map<String, Object>> rows(String table, String keyColumn, String key) {
        return db.sql("SELECT XH, CLZT, CLJG, HZBH, BBH FROM " + table + " WHERE " + keyColumn + " = ? ORDER BY XH")
                .param(key)
                .query()
                .listOfRows();
    }

    boolean allDone(String table, String keyColumn, String key) {
        List<Map<String, Object>> rows = rows(table, keyColumn, key);
        return !rows.isEmpty() && rows.stream().allMatch(r -> "DONE".equals(r.get("CLZT")));
    }

    /** What the hub delivered into the bureau's inbox for a record. */
    List<Map<String, Object>> inbox(String type, String id) {
        return db.sql("SELECT DELIVERY_ID, BBH, SJNR, HZ FROM HUB_INBOX WHERE SJLX = ? AND YWBH = ?")
                .params(type, id)
                .query()
                .listOfRows();
    }

    long fundsReleases(String contractNo) {
        return db.sql("SELECT COUNT(*) FROM FUNDS_RELEASE WHERE HTBH = ?")
                .param(contractNo)
                .query(Long.class)
                .single();
    }
}
