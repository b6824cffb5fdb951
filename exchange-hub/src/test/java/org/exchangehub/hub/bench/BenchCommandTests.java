package org.exchangehub.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.cli.HubCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code bench} command run in-process with tiny numbers: every phase runs and the last line is the figures. */
class BenchCommandTests {

    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.strip().lines().toList();
        }
    }

    static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "bench";
        System.arraycopy(args, 0, command, 1, args.length);
        int code = HubCommands.run(new PrintWriter(out), new PrintWriter(err), command);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void measuresEveryPhaseAndEndsWithTheFiguresAsOneJsonLine(@TempDir Path dataDir) throws IOException {
        Run run = bench(
                "--records",
                "300",
                "--per-record",
                "20",
                "--verify",
                "200",
                "--warmup",
                "100",
                "--latency-rate",
                "200",
                "--latency-seconds",
                "2",
                "--data-dir",
                dataDir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "statistics gathered (ANALYZE) after the warm-up round",
                        "(a) floor",
                        "(b) ingest",
                        "(c) per-record",
                        "(d) verify",
                        "all GENUINE",
                        "(e) latency at 200 records/s for 2 s: 400 records published",
                        // 200 units and 200 contracts; the housing bureau is subscribed to neither type
                        "(4 receivers over HTTP, 800 deliveries: housing 0/0, portal 400/400, registry 200/200,"
                                + " tax 200/200)",
                        "publish→anchored p50 < 500 ms (");
        JsonNode figures =
                new ObjectMapper().readTree(run.lines().get(run.lines().size() - 1));
        for (String key : List.of("floor_rps", "ingest_rps", "per_record_rps", "verify_p50_us", "verify_p99_us")) {
            assertThat(figures.path(key).isNumber()).as(key).isTrue();
            assertThat(figures.path(key).asDouble()).as(key).isPositive();
        }
        assertThat(figures.path("records").asInt()).isEqualTo(300);
        assertThat(figures.path("per_record_records").asInt()).isEqualTo(20);
        assertThat(figures.path("verify_samples").asInt()).isEqualTo(200);
        assertThat(figures.path("latency_rate").asInt()).isEqualTo(200);
        assertThat(figures.path("latency_achieved_rps").asDouble()).isPositive();
        assertThat(figures.path("latency_records").asInt()).isEqualTo(400);
        assertThat(figures.path("latency_deliveries").asInt()).isEqualTo(800);
        for (String figure : List.of("publish_to_anchored", "publish_to_delivered")) {
            double p50 = figures.path(figure + "_p50_ms").asDouble();
            assertThat(p50).as(figure).isPositive();
            assertThat(figures.path(figure + "_p99_ms").asDouble()).as(figure).isGreaterThanOrEqualTo(p50);
        }
        // a record is delivered only once anchored
        assertThat(figures.path("publish_to_delivered_p50_ms").asDouble())
                .isGreaterThan(figures.path("publish_to_anchored_p50_ms").asDouble());
    }

    @Test
    void skipsTheLatencyPhaseAtZeroSecondsAndPrintsItsFiguresAsNull(@TempDir Path dataDir) throws IOException {
        Run run = bench(
                "--records",
                "100",
                "--per-record",
                "5",
                "--verify",
                "20",
                "--warmup",
                "0",
                "--latency-seconds",
                "0",
                "--data-dir",
                dataDir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("(e) latency").contains("not measured (--latency-seconds=0)");
        JsonNode figures =
                new ObjectMapper().readTree(run.lines().get(run.lines().size() - 1));
        assertThat(figures.path("publish_to_anchored_p50_ms").isNull()).isTrue();
        assertThat(figures.path("publish_to_delivered_p50_ms").isNull()).isTrue();
        // without --http, phase (f) does not run either
        assertThat(run.out()).doesNotContain("(f) HTTP").contains("not measured (no --http)");
        assertThat(figures.path("http_batch_rps").isNull()).isTrue();
        assertThat(figures.path("http_batch_vs_ingest").isNull()).isTrue();
    }

    /** Tiny in-process phases, no latency phase, and (f) with 200 records per part served by {@code instances}. */
    static String[] tinyHttpRun(Path dataDir, int instances) {
        return new String[] {
            "--records",
            "100",
            "--per-record",
            "5",
            "--verify",
            "20",
            "--warmup",
            "0",
            "--latency-seconds",
            "0",
            "--http",
            "--http-records",
            "200",
            "--http-instances",
            Integer.toString(instances),
            "--data-dir",
            dataDir.toString()
        };
    }

    @Test
    void withHttpPublishesThroughTheAgencyApiOverMutualTlsAndAddsItsFigures(@TempDir Path dataDir) throws IOException {
        Run run = bench(tinyHttpRun(dataDir, 1));

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the phase checks that every record answered 202 was stored, anchored and audited, and prints the counts
        assertThat(run.out())
                .contains(
                        "(f) HTTP: 8 clients over mutual TLS to 1 hub instance(s) of its own",
                        "batches of 100: 200 records",
                        "one record per request: 200 records",
                        "audit entries 200 + 200",
                        "HTTP batches >= 0.6 x ingest (");
        JsonNode figures =
                new ObjectMapper().readTree(run.lines().get(run.lines().size() - 1));
        for (String key : List.of("http_batch_rps", "http_single_rps", "http_single_p50_ms", "http_batch_vs_ingest")) {
            assertThat(figures.path(key).isNumber()).as(key).isTrue();
            assertThat(figures.path(key).asDouble()).as(key).isPositive();
        }
        assertThat(figures.path("http_single_p99_ms").asDouble())
                .isGreaterThanOrEqualTo(figures.path("http_single_p50_ms").asDouble());
        assertThat(figures.path("http_batch_vs_ingest").asDouble())
                .isCloseTo(
                        figures.path("http_batch_rps").asDouble()
                                / figures.path("ingest_rps").asDouble(),
                        offset(0.01));
        assertThat(figures.path("http_records").asInt()).isEqualTo(200);
        assertThat(figures.path("http_instances").asInt()).isEqualTo(1);
    }

    @Test
    void withTwoHttpInstancesOnOnePostgresTheClientsShareThemAndEveryRecordIsStoredOnce(@TempDir Path dataDir)
            throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        Map<String, String> postgres = Map.of(
                "spring.datasource.url", TestDatabases.postgresUrl(database),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres");
        postgres.forEach(System::setProperty);
        Run run;
        try {
            run = bench(tinyHttpRun(dataDir, 2));
        } finally {
            postgres.keySet().forEach(System::clearProperty);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the phase counts in the shared database: every record answered 202 by either instance is stored, anchored
        // and audited, none twice
        assertThat(run.out())
                .contains(
                        "(f) HTTP: 8 clients over mutual TLS to 2 hub instance(s) of its own",
                        "batches of 100: 200 records",
                        "one record per request: 200 records");
        JsonNode figures =
                new ObjectMapper().readTree(run.lines().get(run.lines().size() - 1));
        assertThat(figures.path("http_instances").asInt()).isEqualTo(2);
        assertThat(figures.path("http_single_rps").asDouble()).isPositive();
        try (var connection =
                java.sql.DriverManager.getConnection(TestDatabases.postgresUrl(database), "postgres", "postgres")) {
            var counts = connection
                    .createStatement()
                    .executeQuery("SELECT COUNT(*), MAX(version) FROM record_version WHERE record_id LIKE '%-f-%'");
            counts.next();
            assertThat(counts.getLong(1)).as("versions of phase (f)'s records").isEqualTo(400);
            assertThat(counts.getInt(2))
                    .as("each published once: version 1 only")
                    .isEqualTo(1);
        }
    }

    @Test
    void refusesSeveralHttpInstancesOnTheEmbeddedDatabaseAsAUsageError() {
        Run run = bench("--http", "--http-instances", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--http-instances 2 needs one database all instances share");
    }

    @Test
    void refusesMoreHttpInstancesThanItStartsAsAUsageError() {
        Run run = bench("--http", "--http-instances", "5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--http-instances must be 1 to 4, got 5");
    }

    @Test
    void refusesACountBelowOneAsAUsageError() {
        Run run = bench("--records", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--records must be 1 or more, got 0");
    }

    @Test
    void refusesALatencyPhaseOfMoreRecordsThanItKeepsTimesForAsAUsageError() {
        Run run = bench("--latency-rate", "100000", "--latency-seconds", "3600");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--latency-rate x --latency-seconds at most 5000000 records");
    }
}
