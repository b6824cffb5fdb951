package org.exchangehub.adapters.demo;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import org.exchangehub.adapters.demo.DemoCity.Building;
import org.exchangehub.adapters.demo.DemoCity.Project;
import org.exchangehub.adapters.demo.DemoCity.Unit;

/**
 * The housing front-end database's exchange tables as the bureau's system writes them (housing/frontend-schema.sql):
 * the native value texts, and one INSERT per table that leaves the processing columns (CLZT, CLJG, HZBH, BBH, CLSJ) to
 * their defaults for the hub.
 */
final class FrontendTables {

    // FWYT 房屋用途
    static final String RESIDENTIAL = "住宅";
    static final String SHOP = "商业";
    static final String PARKING = "车位";

    // XSZT 销售状态
    static final String AVAILABLE = "可售";
    static final String NOT_FOR_SALE = "不可售";
    static final String UNIT_SIGNED = "已签约";
    static final String UNIT_FILED = "已备案";

    // HTZT 合同状态
    static final String CONTRACT_SIGNED = "已签约";
    static final String CONTRACT_CANCELLED = "已撤销";

    // BAZT 备案状态
    static final String FILING_FILED = "已备案";

    static final String INSERT_PROJECT =
            "INSERT INTO EXCH_PROJECT (XMBH, XMMC, KFQY, XZQ, XMDZ, YSXKZH, LDS, PZRQ) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_BUILDING =
            "INSERT INTO EXCH_BUILDING (LDBH, XMBH, LDMC, ZCS, HS) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_UNIT = "INSERT INTO EXCH_UNIT (FWBM, LDBH, XMBH, SZC, FH, JZMJ, TNMJ, FWYT, XSZT, BAJG)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_CONTRACT =
            "INSERT INTO EXCH_CONTRACT (HTBH, FWBM, MSRXX, CMR, CMRZJHM, HTJE, HTMJ, QYRQ, HTZT, CXRQ)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_FILING = "INSERT INTO EXCH_FILING (BABH, HTBH, FWBM, BARQ, BAZT) VALUES (?, ?, ?, ?, ?)";

    /** The latest row of each unit: the bureau writes a new row for every change, never updates one. */
    static final String LATEST_UNITS =
            "SELECT u.FWBM, u.LDBH, u.XMBH, u.SZC, u.FH, u.JZMJ, u.TNMJ, u.FWYT, u.XSZT, u.BAJG"
                    + " FROM EXCH_UNIT u JOIN (SELECT FWBM, MAX(XH) AS XH FROM EXCH_UNIT GROUP BY FWBM) l ON u.XH = l.XH"
                    + " ORDER BY u.XH";

    /** The latest version of each contract. */
    static final String LATEST_CONTRACTS =
            "SELECT c.HTBH, c.FWBM, c.MSRXX, c.CMR, c.CMRZJHM, c.HTJE, c.HTMJ, c.QYRQ, c.HTZT, c.CXRQ"
                    + " FROM EXCH_CONTRACT c JOIN (SELECT HTBH, MAX(XH) AS XH FROM EXCH_CONTRACT GROUP BY HTBH) l"
                    + " ON c.XH = l.XH ORDER BY c.XH";

    static final String FILED_CONTRACT_NOS =
            "SELECT DISTINCT HTBH FROM EXCH_FILING WHERE BAZT = '" + FILING_FILED + "'";
    static final String CONTRACT_NOS = "SELECT DISTINCT HTBH FROM EXCH_CONTRACT";
    static final String FILING_NOS = "SELECT DISTINCT BABH FROM EXCH_FILING";
    static final String DEVELOPERS = "SELECT XMBH, KFQY FROM EXCH_PROJECT ORDER BY XH";
    static final String HAS_PROJECT = "SELECT COUNT(*) FROM EXCH_PROJECT WHERE XMBH = ?";

    /**
     * A row of EXCH_CONTRACT (网签合同).
     *
     * @param buyers MSRXX: a JSON array of {"XM", "ZJHM", "LXDH"}
     * @param cancelledDate CXRQ, only on a cancelled version
     */
    record ContractRow(
            String contractNo,
            String houseCode,
            String buyers,
            String seller,
            String sellerCreditCode,
            BigDecimal price,
            BigDecimal area,
            LocalDate signedDate,
            String status,
            LocalDate cancelledDate) {

        /** The next version of this contract: cancelled (已撤销) on that day, the rest as signed. */
        ContractRow cancelled(LocalDate on) {
            return new ContractRow(
                    contractNo,
                    houseCode,
                    buyers,
                    seller,
                    sellerCreditCode,
                    price,
                    area,
                    signedDate,
                    CONTRACT_CANCELLED,
                    on);
        }
    }

    private FrontendTables() {}

    static void bind(PreparedStatement insert, Project project) throws SQLException {
        insert.setString(1, project.projectId());
        insert.setString(2, project.name());
        insert.setString(3, project.developer());
        insert.setString(4, project.district());
        insert.setString(5, project.address());
        insert.setString(6, project.presalePermit());
        insert.setInt(7, project.totalBuildings());
        insert.setObject(8, project.approvedAt());
    }

    static void bind(PreparedStatement insert, Building building) throws SQLException {
        insert.setString(1, building.buildingId());
        insert.setString(2, building.projectId());
        insert.setString(3, building.name());
        insert.setInt(4, building.floors());
        insert.setInt(5, building.unitCount());
    }

    static void bind(PreparedStatement insert, Unit unit) throws SQLException {
        insert.setString(1, unit.houseCode());
        insert.setString(2, unit.buildingId());
        insert.setString(3, unit.projectId());
        insert.setInt(4, unit.floor());
        insert.setString(5, unit.room());
        insert.setBigDecimal(6, unit.buildingArea());
        insert.setBigDecimal(7, unit.innerArea());
        insert.setString(8, unit.use());
        insert.setString(9, unit.saleStatus());
        insert.setBigDecimal(10, unit.listedPrice());
    }

    static void bind(PreparedStatement insert, ContractRow contract) throws SQLException {
        insert.setString(1, contract.contractNo());
        insert.setString(2, contract.houseCode());
        insert.setString(3, contract.buyers());
        insert.setString(4, contract.seller());
        insert.setString(5, contract.sellerCreditCode());
        insert.setBigDecimal(6, contract.price());
        insert.setBigDecimal(7, contract.area());
        insert.setObject(8, contract.signedDate());
        insert.setString(9, contract.status());
        if (contract.cancelledDate() == null) {
            // Typed, because PostgreSQL's driver cannot infer the type of an untyped null.
            insert.setNull(10, Types.DATE);
        } else {
            insert.setObject(10, contract.cancelledDate());
        }
    }

    static void bindFiling(PreparedStatement insert, String filingNo, ContractRow contract, LocalDate filedDate)
            throws SQLException {
        insert.setString(1, filingNo);
        insert.setString(2, contract.contractNo());
        insert.setString(3, contract.houseCode());
        insert.setObject(4, filedDate);
        insert.setString(5, FILING_FILED);
    }

    /** A unit from a row of {@link #LATEST_UNITS}. */
    static Unit unit(ResultSet row) throws SQLException {
        return new Unit(
                row.getString("FWBM"),
                row.getString("LDBH"),
                row.getString("XMBH"),
                row.getInt("SZC"),
                row.getString("FH"),
                row.getBigDecimal("JZMJ"),
                row.getBigDecimal("TNMJ"),
                row.getString("FWYT"),
                row.getString("XSZT"),
                row.getBigDecimal("BAJG"));
    }

    /** A contract from a row of {@link #LATEST_CONTRACTS}. */
    static ContractRow contract(ResultSet row) throws SQLException {
        return new ContractRow(
                row.getString("HTBH"),
                row.getString("FWBM"),
                row.getString("MSRXX"),
                row.getString("CMR"),
                row.getString("CMRZJHM"),
                row.getBigDecimal("HTJE"),
                row.getBigDecimal("HTMJ"),
                row.getObject("QYRQ", LocalDate.class),
                row.getString("HTZT"),
                row.getObject("CXRQ", LocalDate.class));
    }
}
