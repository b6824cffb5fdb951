package org.exchangehub.adapters.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.exchangehub.adapters.demo.DemoCity.Unit;
import org.exchangehub.adapters.demo.DemoPeople.FakePerson;
import org.exchangehub.adapters.demo.FrontendTables.ContractRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housing bureau's daily business, played into its front-end exchange tables: every tick one available unit is
 * sold (an EXCH_CONTRACT row 已签约 and the unit's EXCH_UNIT row 已签约), and the contracts signed {@link
 * DemoSettings#filingAfterTicks()} ticks before are filed (EXCH_FILING 已备案, unit 已备案) or, a {@link
 * DemoSettings#cancelShare()} of them, cancelled (the contract's row 已撤销 with CXRQ, unit 可售 again).
 *
 * <p>A unit is sold only while no contract on it is active, and a cancelled contract gets no further version, so the
 * hub never has a reason to refuse a row as 一房两卖. What is active is read from the tables on the first tick, so a
 * new instance on the same database goes on where the last one stopped.
 */
public final class DemoTraffic {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Four sales in ten are to a couple. */
    private static final int COUPLES_PER_TEN = 4;

    /** Contract prices are negotiated within this share of the listed price, either way. */
    private static final double PRICE_SPREAD = 0.03;

    private final DataSource dataSource;
    private final DemoSettings settings;
    private final Clock clock;
    private final Object ticking = new Object();

    private SalesControl sales;
    private Random random;
    private DemoPeople people;
    private long ticks;
    private boolean soldOut;
    private ScheduledExecutorService scheduler;
    private volatile Thread worker;

    /**
     * @param dataSource the housing front-end database, with the city loaded by {@link DemoCityLoader}
     * @param clock gives the signing, filing and cancellation dates, and the year in contract and filing numbers
     */
    public DemoTraffic(DataSource dataSource, DemoSettings settings, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Ticks every {@link DemoSettings#tickPeriod()} on a daemon thread of its own until {@link #stop()}. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            worker = new Thread(task, "demo-traffic");
            worker.setDaemon(true);
            return worker;
        });
        long period = settings.tickPeriod().toNanos();
        scheduler.scheduleAtFixedRate(this::tickOrLog, period, period, TimeUnit.NANOSECONDS);
        LOG.info("Demo traffic started: {} contracts a minute", settings.contractsPerMinute());
    }

    /**
     * Stops ticking and returns once the thread has ended; a tick under way is finished first, not interrupted, so it
     * commits or rolls back whole.
     */
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Demo traffic tick still running after 30 s");
            }
            // The pool terminates a moment before its thread ends; join so nothing of the demo outlives stop().
            if (worker != null) {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        worker = null;
        LOG.info("Demo traffic stopped");
    }

    /**
     * One step of the bureau's business, in one transaction: files or cancels the contracts due, then sells one unit
     * (nothing when none is left).
     */
    public void tick() throws SQLException {
        synchronized (ticking) {
            LocalDate today = LocalDate.now(clock);
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    if (sales == null) {
                        resume(connection);
                    }
                    ticks++;
                    for (ContractRow due : sales.takeDue(ticks)) {
                        settle(connection, due, today);
                    }
                    sell(connection, today);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    // What was held in memory may now differ from the tables: read them again on the next tick.
                    sales = null;
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            }
        }
    }

    private void resume(Connection connection) throws SQLException {
        sales = SalesControl.readFrom(connection, ticks + settings.filingAfterTicks());
        // Mixed with the contracts so far: a restart does not replay the choices of the first run.
        random = new Random(settings.seed() ^ (0x9E3779B97F4A7C15L * (sales.contractsIssued() + 1L)));
        people = new DemoPeople(random);
        soldOut = false;
        LOG.info(
                "Demo traffic resumes: {} units for sale, {} contracts awaiting filing",
                sales.availableUnits(),
                sales.awaitingFiling());
    }

    private void sell(Connection connection, LocalDate today) throws SQLException {
        if (sales.availableUnits() == 0) {
            if (!soldOut) {
                LOG.info("Demo city sold out: no unit for sale, no new contracts");
                soldOut = true;
            }
            return;
        }
        soldOut = false;
        Unit unit = sales.takeAvailable(random.nextInt(sales.availableUnits()));
        String developer = sales.developerOf(unit.projectId());
        ContractRow contract = new ContractRow(
                sales.nextContractNo(today.getYear()),
                unit.houseCode(),
                buyers(today),
                developer,
                DemoPeople.creditCode(developer),
                negotiated(unit.listedPrice()),
                unit.buildingArea(),
                today,
                FrontendTables.CONTRACT_SIGNED,
                null);
        insertContract(connection, contract);
        insertUnit(connection, unit.withSaleStatus(FrontendTables.UNIT_SIGNED));
        sales.awaitFiling(contract, ticks + settings.filingAfterTicks());
        LOG.debug("Signed {} for {}", contract.contractNo(), unit.houseCode());
    }

    private void settle(Connection connection, ContractRow contract, LocalDate today) throws SQLException {
        Unit unit = sales.unit(contract.houseCode());
        if (random.nextDouble() < settings.cancelShare()) {
            insertContract(connection, contract.cancelled(today));
            insertUnit(connection, unit.withSaleStatus(FrontendTables.AVAILABLE));
            LOG.debug("Cancelled {}", contract.contractNo());
        } else {
            String filingNo = sales.nextFilingNo(today.getYear());
            try (PreparedStatement insert = connection.prepareStatement(FrontendTables.INSERT_FILING)) {
                FrontendTables.bindFiling(insert, filingNo, contract, today);
                insert.executeUpdate();
            }
            insertUnit(connection, unit.withSaleStatus(FrontendTables.UNIT_FILED));
            LOG.debug("Filed {} as {}", contract.contractNo(), filingNo);
        }
    }

    private String buyers(LocalDate today) {
        int count = random.nextInt(10) < COUPLES_PER_TEN ? 2 : 1;
        ArrayNode buyers = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            FakePerson person = people.person(today);
            buyers.addObject()
                    .put("XM", person.name())
                    .put("ZJHM", person.idNumber())
                    .put("LXDH", person.phone());
        }
        return buyers.toString();
    }

    private BigDecimal negotiated(BigDecimal listedPrice) {
        double factor = 1 - PRICE_SPREAD + 2 * PRICE_SPREAD * random.nextDouble();
        return listedPrice
                .multiply(BigDecimal.valueOf(factor))
                .setScale(0, RoundingMode.HALF_UP)
                .setScale(2);
    }

    private void insertContract(Connection connection, ContractRow contract) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(FrontendTables.INSERT_CONTRACT)) {
            FrontendTables.bind(insert, contract);
            insert.executeUpdate();
        }
    }

    private void insertUnit(Connection connection, Unit unit) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(FrontendTables.INSERT_UNIT)) {
            FrontendTables.bind(insert, unit);
            insert.executeUpdate();
        }
        sales.record(unit);
    }

    private void tickOrLog() {
        try {
            tick();
        } catch (SQLException | RuntimeException e) {
            // An exception would end the schedule for good; the next tick reads the tables again instead.
            LOG.warn("Demo traffic tick failed, next tick starts from the exchange tables again", e);
        }
    }
}
