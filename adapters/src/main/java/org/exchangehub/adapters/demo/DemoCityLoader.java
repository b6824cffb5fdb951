package org.exchangehub.adapters.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link DemoCity} into the housing front-end database: EXCH_PROJECT, then EXCH_BUILDING, then EXCH_UNIT, in
 * JDBC batches and one transaction, once: a restart finds the city's first project there and loads nothing.
 */
public final class DemoCityLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCityLoader.class);

    private static final int BATCH_SIZE = 1_000;

    private final DataSource dataSource;

    /** @param dataSource the housing front-end database, its exchange tables already created */
    public DemoCityLoader(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Loads the city unless its first project is there already.
     *
     * @return true when the city was loaded now, false when it was there
     */
    public boolean load(DemoCity city) throws SQLException {
        String firstProjectId = city.projects().get(0).projectId();
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            if (holdsProject(connection, firstProjectId)) {
                LOG.info(
                        "Demo city already in the housing front-end database (project {}): not loaded", firstProjectId);
                return false;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                // One transaction: a crash half-way leaves no half city that a restart would take for a whole one.
                insert(connection, FrontendTables.INSERT_PROJECT, city.projects(), FrontendTables::bind);
                insert(connection, FrontendTables.INSERT_BUILDING, city.buildings(), FrontendTables::bind);
                insert(connection, FrontendTables.INSERT_UNIT, city.units(), FrontendTables::bind);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        LOG.info(
                "Demo city loaded: {} districts, {} projects, {} buildings, {} units in {} ms",
                city.districts().size(),
                city.projects().size(),
                city.buildings().size(),
                city.units().size(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private static boolean holdsProject(Connection connection, String projectId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FrontendTables.HAS_PROJECT)) {
            query.setString(1, projectId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getLong(1) > 0;
            }
        }
    }

    private static <T> void insert(Connection connection, String sql, List<T> rows, RowBinder<T> binder)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T row : rows) {
                binder.bind(insert, row);
                insert.addBatch();
                if (++pending == BATCH_SIZE) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    @FunctionalInterface
    private interface RowBinder<T> {
        void bind(PreparedStatement insert, T row) throws SQLException;
    }
}
