package org.exchangehub.adapters.inbound;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The part of the hub's database the inbound claims live in, for tests without a hub: an H2 database in memory with
 * the {@code inbound_claim} table as the hub's migration {@code V12__inbound_claims.sql} creates it.
 */
public final class ClaimsDatabase {

    private ClaimsDatabase() {}

    /** A new, empty claims database, kept until the JVM ends. */
    public static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:claims-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = h2.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE inbound_claim (source VARCHAR(200) NOT NULL PRIMARY KEY,"
                    + " holder VARCHAR(200), lease_until TIMESTAMP WITH TIME ZONE, fence BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return h2;
    }
}
