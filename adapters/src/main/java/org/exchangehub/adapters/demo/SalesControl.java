package org.exchangehub.adapters.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangehub.adapters.demo.DemoCity.Unit;
import org.exchangehub.adapters.demo.FrontendTables.ContractRow;

/**
 * The bureau's sales control (销控) as the exchange tables show it: the latest row of every unit, which units may be
 * sold, which signed contracts still await filing, and the last contract and filing numbers issued. Read from the
 * tables on start, so a restarted demo goes on where the last one stopped.
 */
final class SalesControl {

    private static final Pattern CONTRACT_NO = Pattern.compile("HT-(\\d{4})-(\\d+)");
    private static final Pattern FILING_NO = Pattern.compile("BA-(\\d{4})-(\\d+)");

    private final Map<String, Unit> units;
    private final Map<String, String> developers;
    private final List<String> available = new ArrayList<>();
    private final Map<String, Integer> availableAt = new HashMap<>();
    private final Queue<AwaitingFiling> awaitingFiling = new ArrayDeque<>();
    private final Map<Integer, Integer> lastContractNumber;
    private final Map<Integer, Integer> lastFilingNumber;
    private final int contractsIssued;

    private record AwaitingFiling(ContractRow contract, long dueTick) {}

    private SalesControl(
            Map<String, Unit> units,
            Map<String, String> developers,
            Map<Integer, Integer> lastContractNumber,
            Map<Integer, Integer> lastFilingNumber,
            int contractsIssued) {
        this.units = units;
        this.developers = developers;
        this.lastContractNumber = lastContractNumber;
        this.lastFilingNumber = lastFilingNumber;
        this.contractsIssued = contractsIssued;
    }

    /**
     * The state the tables hold: a contract is active when its latest version is not cancelled; an active contract
     * without a filing awaits one, due on {@code dueTick}.
     */
    static SalesControl readFrom(Connection connection, long dueTick) throws SQLException {
        Map<String, Unit> units = new HashMap<>();
        List<Unit> unitsInOrder = new ArrayList<>();
        Map<String, String> developers = new HashMap<>();
        List<ContractRow> latestContracts = new ArrayList<>();
        Set<String> filed = new HashSet<>();
        List<String> contractNos = new ArrayList<>();
        List<String> filingNos = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(FrontendTables.LATEST_UNITS)) {
                while (rows.next()) {
                    Unit unit = FrontendTables.unit(rows);
                    units.put(unit.houseCode(), unit);
                    unitsInOrder.add(unit);
                }
            }
            try (ResultSet rows = statement.executeQuery(FrontendTables.DEVELOPERS)) {
                while (rows.next()) {
                    developers.put(rows.getString("XMBH"), rows.getString("KFQY"));
                }
            }
            try (ResultSet rows = statement.executeQuery(FrontendTables.LATEST_CONTRACTS)) {
                while (rows.next()) {
                    latestContracts.add(FrontendTables.contract(rows));
                }
            }
            readColumn(statement, FrontendTables.FILED_CONTRACT_NOS, filed);
            readColumn(statement, FrontendTables.CONTRACT_NOS, contractNos);
            readColumn(statement, FrontendTables.FILING_NOS, filingNos);
        }
        SalesControl sales = new SalesControl(
                units,
                developers,
                lastNumbers(CONTRACT_NO, contractNos),
                lastNumbers(FILING_NO, filingNos),
                contractNos.size());
        Set<String> underContract = new HashSet<>();
        for (ContractRow contract : latestContracts) {
            if (!FrontendTables.CONTRACT_CANCELLED.equals(contract.status())) {
                underContract.add(contract.houseCode());
                if (!filed.contains(contract.contractNo())) {
                    sales.awaitFiling(contract, dueTick);
                }
            }
        }
        for (Unit unit : unitsInOrder) {
            if (FrontendTables.AVAILABLE.equals(unit.saleStatus())
                    && !underContract.contains(unit.houseCode())
                    && developers.containsKey(unit.projectId())) {
                sales.makeAvailable(unit.houseCode());
            }
        }
        return sales;
    }

    /** How many contract numbers the tables held when read: mixed into the traffic's seed so a restart differs. */
    int contractsIssued() {
        return contractsIssued;
    }

    int availableUnits() {
        return available.size();
    }

    int awaitingFiling() {
        return awaitingFiling.size();
    }

    /** A unit for sale, chosen by {@code pick} among {@code availableUnits()}, no longer available; or null if none. */
    Unit takeAvailable(int pick) {
        if (available.isEmpty()) {
            return null;
        }
        String houseCode = available.get(pick);
        // Swap with the last, so taking one costs the same for 20,000 units as for 20.
        String last = available.remove(available.size() - 1);
        availableAt.remove(houseCode);
        if (!last.equals(houseCode)) {
            available.set(pick, last);
            availableAt.put(last, pick);
        }
        return units.get(houseCode);
    }

    Unit unit(String houseCode) {
        return units.get(houseCode);
    }

    /** The unit's latest row is now this one; a unit back for sale (可售) is available again. */
    void record(Unit unit) {
        units.put(unit.houseCode(), unit);
        if (FrontendTables.AVAILABLE.equals(unit.saleStatus())) {
            makeAvailable(unit.houseCode());
        }
    }

    String developerOf(String projectId) {
        return developers.get(projectId);
    }

    void awaitFiling(ContractRow contract, long dueTick) {
        awaitingFiling.add(new AwaitingFiling(contract, dueTick));
    }

    /** The contracts whose filing (or cancellation) is due by this tick, oldest first, no longer awaiting. */
    List<ContractRow> takeDue(long tick) {
        List<ContractRow> due = new ArrayList<>();
        while (!awaitingFiling.isEmpty() && awaitingFiling.peek().dueTick() <= tick) {
            due.add(awaitingFiling.remove().contract());
        }
        return due;
    }

    /** HT-<year>-<6 digits>, one more than the last of that year. */
    String nextContractNo(int year) {
        return String.format("HT-%d-%06d", year, lastContractNumber.merge(year, 1, Integer::sum));
    }

    /** BA-<year>-<6 digits>, one more than the last of that year. */
    String nextFilingNo(int year) {
        return String.format("BA-%d-%06d", year, lastFilingNumber.merge(year, 1, Integer::sum));
    }

    private void makeAvailable(String houseCode) {
        if (!availableAt.containsKey(houseCode)) {
            availableAt.put(houseCode, available.size());
            available.add(houseCode);
        }
    }

    private static void readColumn(Statement statement, String sql, java.util.Collection<String> into)
            throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                into.add(rows.getString(1));
            }
        }
    }

    private static Map<Integer, Integer> lastNumbers(Pattern format, List<String> numbers) {
        Map<Integer, Integer> last = new HashMap<>();
        for (String number : numbers) {
            Matcher matcher = format.matcher(number);
            if (matcher.matches() && matcher.group(2).length() <= 9) {
                last.merge(Integer.valueOf(matcher.group(1)), Integer.valueOf(matcher.group(2)), Math::max);
            }
        }
        return last;
    }
}
