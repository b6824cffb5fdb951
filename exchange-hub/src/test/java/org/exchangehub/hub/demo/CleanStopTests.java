package org.exchangehub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.exchangehub.hub.HubProcess;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.cli.HubCommands;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The README's run command (the {@code dev} profile: embedded ledger, H2, the demo city and its traffic) in a JVM of
 * its own, stopped by SIGTERM while records flow in from the exchange tables and out to the simulated agencies: it
 * shuts down in order — deliveries, web server, routes, scheduled jobs, demo traffic, then the databases — with
 * exit code 143 (128 + SIGTERM, the JVM's own for a stop by signal) and no ERROR line or stack trace, and leaves an
 * intact ledger behind.
 */
class CleanStopTests {

    static final Duration DEADLINE = Duration.ofSeconds(180);

    final Path dataDir = TestDatabases.dataDirectory(CleanStopTests.class);
    final Path log = dataDir.resolve("hub.log");

    Process hub() throws IOException {
        Files.createDirectories(dataDir);
        return HubProcess.start(
                log,
                "Demo city (seed",
                DEADLINE,
                List.of(
                        "--spring.profiles.active=dev",
                        "--hub.data-dir=" + dataDir,
                        "--server.port=0",
                        "--hub.demo.tax-port=" + freePort(),
                        "--hub.demo.registry-port=" + freePort(),
                        "--hub.demo.units=1200",
                        "--hub.demo.contracts-per-minute=600",
                        "--hub.agencies.housing.poll-delay=100ms"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    long count(String database, String user, String sql) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dataDir.resolve(database) + ";AUTO_SERVER=TRUE");
        h2.setUser(user);
        return JdbcClient.create(h2).sql(sql).query(Long.class).single();
    }

    @Test
    void sigtermWhileRecordsFlowStopsInOrderWithoutAnError() throws Exception {
        Process hub = hub();
        try {
            stopWhileRecordsFlow(hub);
        } finally {
            hub.destroyForcibly();
        }
    }

    private void stopWhileRecordsFlow(Process hub) throws Exception {
        // stop it with work in every part: units still coming in, records anchored and delivered to the agencies
        await().atMost(DEADLINE)
                .until(() -> count(
                                "hub",
                                "hub",
                                "SELECT COUNT(*) FROM notary_log l JOIN delivery_cursor c"
                                        + " ON l.position > c.start_position AND l.position <= c.position")
                        > 50);
        assertThat(count("housing-frontend", "housing", "SELECT COUNT(*) FROM EXCH_UNIT WHERE CLZT = 'NEW'"))
                .as("units still waiting in the exchange table")
                .isPositive();

        hub.destroy();

        assertThat(hub.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("stopped in time")
                .isTrue();
        String output = Files.readString(log);
        assertThat(hub.exitValue()).as(output).isEqualTo(143);
        assertThat(output.lines().filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ")))
                .as("ERROR lines and stack traces in %s", log)
                .isEmpty();
        assertThat(output).doesNotContain("Database is already closed");
        assertThat(output.indexOf("Demo traffic stopped"))
                .as("the demo traffic stopped before the hub's database closed")
                .isPositive()
                .isLessThan(output.lastIndexOf("HikariPool-1 - Shutdown completed"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int check = HubCommands.run(
                new PrintWriter(out), new PrintWriter(err), "ledger-check", "--data-dir", dataDir.toString());
        assertThat(check).as("the ledger after the stop: %s%s", out, err).isZero();
    }
}
