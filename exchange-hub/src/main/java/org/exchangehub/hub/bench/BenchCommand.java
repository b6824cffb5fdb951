package org.exchangehub.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.exchangehub.hub.ExchangeHubApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar exchange-hub.jar bench}: starts the hub (no web server, its own schedule off, H2 file database in a
 * fresh data directory, embedded ledger) and measures, in one run, (a) the floor: canonicalize, hash and append with no
 * exchange logic; (b) the notarized ingest; (c) per-record anchoring; (d) verify latency. Before those, (e) latency at a
 * steady rate runs in a hub of its own ({@link SteadyRateLatency}: its schedule and deliveries on, every receiver
 * connected), first so that on PostgreSQL, where both hubs share the database, the receivers' cursors start at an empty
 * log rather than behind the throughput phases' records; then, with {@code --http}, (f) the ingest through the agency
 * API over HTTPS, in a hub of its own running as a web server ({@link HttpIngest}). Prints a line per phase, then the figures as one JSON object
 * on the last line.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure the hub's ingest throughput against its floor and per-record anchoring, verify latency,"
                + " and (e) the latency from publish to anchored and to delivered at every receiver at a steady rate"
                + " (a hub of its own with its notary schedule and deliveries on, every subscribed receiver an HTTP"
                + " server); with --http, (f) publishing through the agency API over HTTPS; the last line of output is"
                + " the figures as JSON.")
public final class BenchCommand implements Callable<Integer> {

    /** Phase (e) keeps 8 bytes per record (when its publish call returned): at most 40 MB. */
    static final long MAX_LATENCY_RECORDS = 5_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--records", defaultValue = "100000", description = "records for the floor and the ingest")
    int records;

    @Option(names = "--per-record", defaultValue = "500", description = "records anchored one per batch")
    int perRecord;

    @Option(names = "--verify", defaultValue = "20000", description = "timed verifications")
    int verify;

    @Option(
            names = "--warmup",
            defaultValue = "300000",
            description = "records of a first, uncounted round of the same phases, so that the JIT is done (0: none)")
    int warmup;

    @Option(names = "--threads", defaultValue = "2", description = "publishing client threads")
    int threads;

    @Option(
            names = "--chunk",
            defaultValue = "100",
            description = "records per publish call (1: publish, more: publishAll as the batch API) and per floor"
                    + " transaction")
    int chunk;

    @Option(names = "--batch-size", defaultValue = "4096", description = "the batcher's most leaves per Merkle batch")
    int batchSize;

    @Option(
            names = "--latency-rate",
            defaultValue = "1000",
            description = "(e): records per second published at a steady pace (publishAll every 10 ms),"
                    + " default ${DEFAULT-VALUE}")
    int latencyRate;

    @Option(
            names = "--latency-seconds",
            defaultValue = "20",
            description =
                    "(e): how long to publish at --latency-rate, default ${DEFAULT-VALUE};" + " 0 skips the phase")
    int latencySeconds;

    @Option(
            names = "--http",
            description = "(f), off by default: also publish through the agency API over mutual TLS, from 8 client"
                    + " threads to a hub of its own running as a web server on loopback with the audit log on, in"
                    + " batches of 100 and one record per request (timed to the last anchor, as the ingest)")
    boolean http;

    @Option(
            names = "--http-records",
            defaultValue = "20000",
            description = "(f): records published in each of its two parts, default ${DEFAULT-VALUE}")
    int httpRecords;

    @Option(
            names = "--http-instances",
            defaultValue = "1",
            description = "(f): hub instances serving the clients, each a web server of its own on one shared"
                    + " database (above 1: PostgreSQL, -Dspring.datasource.url=jdbc:postgresql://...); the clients"
                    + " take turns, default ${DEFAULT-VALUE}")
    int httpInstances;

    @Option(names = "--data-dir", description = "the hub's data directory (default: a fresh one, deleted after)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        requirePositive("--records", records);
        requirePositive("--per-record", perRecord);
        requirePositive("--verify", verify);
        requirePositive("--threads", threads);
        requirePositive("--chunk", chunk);
        requirePositive("--batch-size", batchSize);
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, got " + warmup);
        }
        requirePositive("--latency-rate", latencyRate);
        requirePositive("--http-records", httpRecords);
        if (httpInstances < 1 || httpInstances > HttpIngest.MAX_INSTANCES) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--http-instances must be 1 to " + HttpIngest.MAX_INSTANCES + ", got " + httpInstances);
        }
        if (httpInstances > 1 && !sharedDatabase()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--http-instances " + httpInstances + " needs one database all instances share: run with"
                            + " -Dspring.datasource.url=jdbc:postgresql://HOST/DB (the embedded H2 file is one"
                            + " instance's)");
        }
        if (latencySeconds < 0 || (long) latencyRate * latencySeconds > MAX_LATENCY_RECORDS) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--latency-seconds must be 0 or more, and --latency-rate x --latency-seconds at most "
                            + MAX_LATENCY_RECORDS + " records, got " + latencyRate + " x " + latencySeconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        String runId = Long.toString(System.currentTimeMillis(), 36);
        BenchResult.Latency latency = BenchResult.Latency.SKIPPED;
        if (latencySeconds > 0) {
            Path latencyDir = Files.createTempDirectory("exchange-hub-bench-latency-");
            try {
                latency = new SteadyRateLatency(
                                new SteadyRateLatency.Settings(latencyRate, latencySeconds, batchSize),
                                runId + "-e",
                                out)
                        .run(latencyDir);
            } finally {
                deleteRecursively(latencyDir);
            }
        }
        BenchResult.Http served = BenchResult.Http.SKIPPED;
        if (http) {
            Path httpDir = Files.createTempDirectory("exchange-hub-bench-http-");
            try {
                served = new HttpIngest(
                                new HttpIngest.Settings(httpRecords, warmup > 0, batchSize, httpInstances),
                                runId + "-f",
                                out)
                        .run(httpDir);
            } finally {
                deleteRecursively(httpDir);
            }
        }
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("exchange-hub-bench-");
        BenchResult result;
        try {
            try (ConfigurableApplicationContext hub = start(dir)) {
                result = new BenchRun(
                                hub,
                                new BenchRun.Settings(records, perRecord, verify, warmup, threads, chunk, batchSize),
                                dir,
                                runId,
                                out)
                        .run(latency, served);
            }
        } finally {
            if (dataDir == null) {
                deleteRecursively(dir);
            }
        }
        out.println(new ObjectMapper().writeValueAsString(result.json()));
        out.flush();
        return 0;
    }

    private ConfigurableApplicationContext start(Path dir) {
        return new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(
                        "--hub.data-dir=" + dir.toAbsolutePath(),
                        "--hub.notary.enabled=false",
                        "--hub.notary.batch-size=" + batchSize,
                        // deliveries are downstream of the ingest (nothing is written for them at anchoring); phase
                        // (e) measures them, in a hub of its own
                        "--hub.delivery.enabled=false",
                        "--logging.level.root=WARN");
    }

    /** Whether the hubs the bench starts use a database server (set as a system property or in the environment). */
    private static boolean sharedDatabase() {
        String url = System.getProperty("spring.datasource.url", System.getenv("SPRING_DATASOURCE_URL"));
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    private void requirePositive(String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be 1 or more, got " + value);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
