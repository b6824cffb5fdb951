package org.exchangehub.hub.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.exchangehub.hub.notary.NotaryProperties;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordProperties;
import org.exchangehub.hub.record.RecordPublisher;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.verify.RecordVerifier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The four measurements, in order, over the beans of a running hub; prints a line per phase. */
final class BenchRun {

    /** What to measure: record counts, client threads, records per publish call, the batcher's batch size. */
    record Settings(int records, int perRecord, int verify, int warmup, int threads, int chunk, int batchSize) {}

    private final ApplicationContext hub;
    private final Settings settings;
    private final PrintWriter out;
    private final JdbcClient jdbc;
    private final Duration drainDelay;
    private final FloorAppend floor;
    private final NotarizedIngest ingest;
    private final NotaryBatcher batcher;
    private final NotaryBatcher perRecordBatcher;
    private final VerifyLatency verify;
    private final ResourceFootprint footprint;
    private final String runId;
    /** True while the warm-up round runs: its phases print nothing. */
    private boolean quiet;

    BenchRun(ApplicationContext hub, Settings settings, Path dataDir, String runId, PrintWriter out) {
        this.hub = hub;
        this.runId = runId;
        this.settings = settings;
        this.out = out;
        this.jdbc = hub.getBean(JdbcClient.class);
        this.drainDelay = hub.getBean(NotaryProperties.class).interval();
        this.floor = new FloorAppend(
                hub.getBean(DataSource.class),
                DigestAlgorithm.byName(hub.getBean(RecordProperties.class).hashAlgorithm()));
        this.ingest = new NotarizedIngest(
                hub.getBean(RecordPublisher.class), settings.threads(), settings.chunk(), drainDelay);
        this.batcher = hub.getBean(NotaryBatcher.class);
        this.perRecordBatcher = perRecordBatcher();
        this.footprint =
                new ResourceFootprint(jdbc, hub.getEnvironment().getProperty("spring.datasource.url", ""), dataDir);
        this.verify = new VerifyLatency(
                hub.getBean(RecordVerifier.class), hub.getBean(RecordStore.class), hub.getBean(Receipts.class));
    }

    /**
     * Runs the four measurements; {@code latency} and {@code http} are phase (e)'s and (f)'s figures, measured before
     * in hubs of their own.
     */
    BenchResult run(BenchResult.Latency latency, BenchResult.Http http) throws SQLException {
        print(
                "machine: %d cores, max heap %d MiB, Java %s, load average %.2f; database %s",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"),
                loadAverage(),
                hub.getEnvironment().getProperty("spring.datasource.url"));
        print("settings: %s; the notary drains every %d ms (hub.notary.interval)", settings, drainDelay.toMillis());
        if (settings.warmup() > 0) {
            // The same phases in the same order, so that the JIT has seen every path mixed as the measured round mixes
            // them (warming up the ingest alone left C2 recompiling through a quarter of the measured ingest).
            quiet = true;
            BenchResult warm =
                    round("warm", settings.warmup(), settings.perRecord(), Math.min(settings.verify(), 5_000));
            quiet = false;
            print(
                    "warm-up round (not counted): floor %.0f, ingest %.0f, per-record %.1f records/s, verify p99 %.1f us",
                    warm.floorRps(),
                    warm.ingestRps(),
                    warm.perRecordRps(),
                    warm.verify().p99());
            // A hub that has run for a while has statistics on its tables; the fresh database gets them here, so that
            // the measured round runs on the plans such a hub has. Without them, PostgreSQL keeps plans made while the
            // tables were nearly empty (a hash join over every record of a type to find the latest versions of 100).
            jdbc.sql("ANALYZE").update();
            print("statistics gathered (ANALYZE) after the warm-up round");
        }
        BenchResult result = round("r", settings.records(), settings.perRecord(), settings.verify());
        BenchResult.ResourceUse resources = footprint.measure();
        print(
                "resources: database %d bytes for %d records stored (%.0f bytes per record, warm-up included),"
                        + " peak RSS %.0f MiB, max heap %d MiB",
                resources.databaseBytes(),
                resources.recordsStored(),
                resources.diskBytesPerRecord(),
                resources.peakRssMb(),
                Runtime.getRuntime().maxMemory() >> 20);
        result = result.withResources(resources).withLatency(latency).withHttp(http);
        print(
                "targets: ingest >= 20000/s %s; ingest >= 0.5 x floor (%.2f) %s; ingest >= 50 x per-record (%.0f) %s;"
                        + " verify p99 < 1000 us %s; %s; %s; load average %.2f",
                met(result.ingestRateMet()),
                result.ingestVsFloor(),
                met(result.ingestVsFloorMet()),
                result.ingestVsPerRecord(),
                met(result.ingestVsPerRecordMet()),
                met(result.verifyMet()),
                latencyTargets(result),
                httpTargets(result),
                loadAverage());
        return result;
    }

    /** One round of the four measurements over new records whose ids start with {@code name}. */
    private BenchResult round(String name, int count, int perRecordCount, int verifications) throws SQLException {
        List<PublishRequest> records = records(name, count);
        // The floor runs before and after the ingest and counts both, so that a change of pace while the ingest runs
        // (the database grows, other work on the machine) weighs on both sides of the comparison.
        Throughput floorBefore = floor(records, "before the ingest");
        Counts before = counts();
        Throughput ingested = ingest.run(name + "-ingest", records, batcher);
        Counts afterIngest = requireComplete(before, records.size());
        long batches = afterIngest.batches - before.batches;
        print(
                "(b) ingest: %d records published (%d threads, %s), sealed in %d batches (mean %.0f leaves),"
                        + " anchored, in %.2f s: %.0f records/s; %s",
                ingested.records(),
                settings.threads(),
                settings.chunk() == 1 ? "publish per record" : "publishAll of " + settings.chunk(),
                batches,
                (double) ingested.records() / batches,
                ingested.nanos() / 1e9,
                ingested.perSecond(),
                cpu(ingested));
        Throughput floorAfter = floor(records, "after the ingest");
        Throughput floored = floorBefore.plus(floorAfter);
        print("(a) floor, both runs: %.0f records/s; %s", floored.perSecond(), cpu(floored));

        Throughput perRecord = ingest.run(name + "-per-record", records(name + "-p", perRecordCount), perRecordBatcher);
        requireComplete(afterIngest, perRecord.records());
        print(
                "(c) per-record anchoring: %d records, batch size 1 (one ledger transaction each), in %.2f s:"
                        + " %.1f records/s; %s",
                perRecord.records(), perRecord.nanos() / 1e9, perRecord.perSecond(), cpu(perRecord));

        VerifyLatency.Percentiles latency =
                verify.measure(records, Math.min(verifications, 5_000), verifications, new Random(42));
        print(
                "(d) verify: %d random anchored records verified in-process, all GENUINE: p50 %.1f us, p99 %.1f us,"
                        + " p99.9 %.1f us, max %.1f us; the tree-head signature check alone: p50 %.1f us",
                latency.samples(), latency.p50(), latency.p99(), latency.p999(), latency.max(), latency.signatureP50());

        return new BenchResult(
                floored.perSecond(),
                List.of(floorBefore.perSecond(), floorAfter.perSecond()),
                ingested.perSecond(),
                perRecord.perSecond(),
                latency,
                records.size(),
                perRecord.records(),
                settings.threads(),
                settings.chunk(),
                settings.batchSize(),
                batches,
                loadAverage(),
                BenchResult.ResourceUse.UNMEASURED,
                BenchResult.Latency.SKIPPED,
                BenchResult.Http.SKIPPED);
    }

    /** Runs the floor over the records in a new scratch table, and drops the table. */
    private Throughput floor(List<PublishRequest> records, String when) throws SQLException {
        floor.create();
        Throughput floored = floor.append(records, settings.threads(), settings.chunk());
        floor.drop();
        print(
                "(a) floor, %s: %d records canonicalized, hashed, appended (JDBC batches of %d, %d threads) in %.2f s:"
                        + " %.0f records/s; %s",
                when,
                floored.records(),
                settings.chunk(),
                settings.threads(),
                floored.nanos() / 1e9,
                floored.perSecond(),
                cpu(floored));
        return floored;
    }

    /** The hub's batcher again, over the same store, ledger and signer, but sealing one record per batch. */
    private NotaryBatcher perRecordBatcher() {
        NotaryProperties hubs = hub.getBean(NotaryProperties.class);
        return batcher.with(new NotaryProperties(1, hubs.interval(), hubs.maxBackoff(), false, hubs.treeCacheSize()));
    }

    private List<PublishRequest> records(String phase, int count) {
        return BenchRecords.of(runId + "-" + phase, count);
    }

    /**
     * Rows that prove the work done: record versions, log positions given, leaves of anchored batches, batches,
     * anchors on the ledger.
     */
    private record Counts(long records, long logged, long anchoredLeaves, long batches, long ledgerAnchors) {}

    private Counts counts() {
        return new Counts(
                count("SELECT COUNT(*) FROM record_version"),
                count("SELECT COUNT(*) FROM notary_log"),
                count("SELECT COALESCE(SUM(leaf_count), 0) FROM notary_batch WHERE state = 'ANCHORED'"),
                count("SELECT COUNT(*) FROM notary_batch"),
                count("SELECT COUNT(*) FROM ledger_transaction WHERE function_name = 'AnchorBatch'"));
    }

    /** Checks that {@code added} records were appended, each with its log position in a batch anchored on the ledger. */
    private Counts requireComplete(Counts before, int added) {
        Counts after = counts();
        if (after.records - before.records != added
                || after.logged - before.logged != added
                || after.anchoredLeaves - before.anchoredLeaves != added
                || after.ledgerAnchors - before.ledgerAnchors != after.batches - before.batches) {
            throw new IllegalStateException("incomplete notarization: expected " + added + " more anchored records;"
                    + " before " + before + ", after " + after);
        }
        return after;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void print(String format, Object... args) {
        if (quiet) {
            return;
        }
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static String cpu(Throughput phase) {
        return String.format(
                Locale.ROOT,
                "process CPU %.0f us per record (%.2f cores busy)",
                phase.cpuMicrosPerRecord(),
                phase.cores());
    }

    private static String latencyTargets(BenchResult result) {
        BenchResult.Latency latency = result.latency();
        if (!latency.measured()) {
            return "publish→anchored p50 < 500 ms and publish→delivered p50 < 1000 ms not measured (--latency-seconds=0)";
        }
        return String.format(
                Locale.ROOT,
                "publish→anchored p50 < 500 ms (%.1f) %s; publish→delivered p50 < 1000 ms (%.1f) %s%s",
                latency.anchoredP50Ms(),
                met(result.anchoredMet()),
                latency.deliveredP50Ms(),
                met(result.deliveredMet()),
                latency.rateKept()
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " (rate not kept: %.0f of %d records/s)",
                                latency.achievedRps(),
                                latency.rate()));
    }

    private static String httpTargets(BenchResult result) {
        BenchResult.Http http = result.http();
        if (!http.measured()) {
            return "HTTP batches >= 0.6 x ingest and single records >= 2000/s with p99 < 50 ms not measured (no --http)";
        }
        return String.format(
                Locale.ROOT,
                "HTTP batches >= 0.6 x ingest (%.2f) %s; HTTP single records >= 2000/s (%.0f) with p99 < 50 ms (%.1f) %s",
                result.httpBatchVsIngest(),
                met(result.httpBatchMet()),
                http.singleRps(),
                http.singleP99Ms(),
                met(result.httpSingleMet()));
    }

    private static String met(boolean met) {
        return met ? "MET" : "MISSED";
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
