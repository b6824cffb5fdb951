package org.exchangehub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.exchangehub.hub.TestDatabases;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * docs/security.md's grants, run as written on a real PostgreSQL: the hub's database user still appends to the audit
 * log, and can neither update, delete nor truncate an entry.
 */
class AuditGrantsOnPostgresTests {

    @Test
    void theApplicationUserRecordsAndChainsButCannotRewriteTheLog() throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        DataSource owner = TestDatabases.postgresServer().getDatabase("postgres", database);
        org.flywaydb.core.Flyway.configure()
                .dataSource(owner)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        String role = "hub_app_" + database.replace("hub_test_", "");
        try (Connection c = owner.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'throwaway-test'");
            s.execute("GRANT USAGE ON SCHEMA public TO " + role);
            // as docs/security.md says, with the role's name
            s.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_anchor FROM " + role);
            s.execute("GRANT SELECT, INSERT ON audit_entry, audit_anchor TO " + role);
            s.execute("GRANT SELECT, UPDATE ON audit_head TO " + role);
            s.execute("GRANT SELECT, INSERT, DELETE ON audit_pending TO " + role);
        }
        PGSimpleDataSource app = new PGSimpleDataSource();
        app.setURL(TestDatabases.postgresUrl(database));
        app.setUser(role);
        app.setPassword("throwaway-test");

        AuditLog log = new AuditLog(JdbcClient.create(app), new DataSourceTransactionManager(app), Clock.systemUTC());
        AuditEntry entry = log.append(new AuditEvent(
                ActorKind.AGENCY,
                "housing",
                AuditOperation.PUBLISH,
                "POST /api/v1/records",
                "UNIT",
                "FW-1",
                1,
                202,
                null));
        assertThat(entry.pending()).isTrue();
        assertThat(log.chainPending(100)).isEqualTo(1);
        assertThat(log.entry(1))
                .hasValueSatisfying(chained -> assertThat(chained.event()).isEqualTo(entry.event()));

        try (Connection c = app.getConnection();
                Statement s = c.createStatement()) {
            for (String rewrite : new String[] {
                "UPDATE audit_entry SET actor = 'someone else'",
                "DELETE FROM audit_entry",
                "TRUNCATE audit_entry",
                "DELETE FROM audit_anchor"
            }) {
                assertThatThrownBy(() -> s.execute(rewrite))
                        .as(rewrite)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
        assertThat(log.recent(null, "UNIT", "FW-1", 10))
                .singleElement()
                .satisfies(e -> assertThat(e.event().actor()).isEqualTo("housing"));
    }
}
