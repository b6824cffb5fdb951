package org.exchangehub.hub.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one benchmark run, and the targets: ingest at least 20,000 records/s and at least half the
 * floor, at least 50 times per-record anchoring, verify p99 under 1 ms; at a steady rate (phase e), a record anchored
 * within 500 ms and delivered to every receiver within 1 s of its publish (medians); through the agency API over HTTPS
 * (phase f), batches at least 0.6 of the in-process ingest, and one record per request at least 2,000 records/s with
 * p99 under 50 ms.
 */
record BenchResult(
        double floorRps,
        List<Double> floorRunsRps,
        double ingestRps,
        double perRecordRps,
        VerifyLatency.Percentiles verify,
        int records,
        int perRecordRecords,
        int threads,
        int chunk,
        int batchSize,
        long ingestBatches,
        double loadAverage,
        ResourceUse resources,
        Latency latency,
        Http http) {

    /**
     * Phase (e): from a publish call's return to its records' anchoring and to their arrival at every receiver, at a
     * steady rate for some seconds; {@link #SKIPPED} when the phase did not run ({@code --latency-seconds=0}).
     */
    record Latency(
            int rate,
            int seconds,
            long records,
            double achievedRps,
            int receivers,
            long deliveries,
            double anchoredP50Ms,
            double anchoredP99Ms,
            double deliveredP50Ms,
            double deliveredP99Ms) {
        static final Latency SKIPPED = new Latency(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        boolean measured() {
            return records > 0;
        }

        /** Whether the client kept the rate (within 5 %): a hub that takes records slower makes it fall behind. */
        boolean rateKept() {
            return achievedRps >= 0.95 * rate;
        }
    }

    /**
     * Phase (f): records published through the agency API over HTTPS by 8 clients, in batches of 100 and one per
     * request, each part timed to its last record's anchoring; the single requests' round trips; the hub instances
     * that served them. {@link #SKIPPED} when the phase did not run (no {@code --http}).
     */
    record Http(int records, double batchRps, double singleRps, double singleP50Ms, double singleP99Ms, int instances) {
        static final Http SKIPPED = new Http(0, 0, 0, 0, 0, 0);

        boolean measured() {
            return records > 0;
        }
    }

    /**
     * What the run left and took: the database's size after the run (H2: the data directory's files; PostgreSQL: {@code
     * pg_database_size}) over the records stored in it (every round's, warm-up included), and the process's peak
     * resident memory ({@code VmHWM}).
     */
    record ResourceUse(long databaseBytes, long recordsStored, long peakRssBytes) {
        static final ResourceUse UNMEASURED = new ResourceUse(0, 0, 0);

        double diskBytesPerRecord() {
            return recordsStored == 0 ? 0 : (double) databaseBytes / recordsStored;
        }

        double peakRssMb() {
            return peakRssBytes / (1024.0 * 1024.0);
        }
    }

    BenchResult withResources(ResourceUse measured) {
        return new BenchResult(
                floorRps,
                floorRunsRps,
                ingestRps,
                perRecordRps,
                verify,
                records,
                perRecordRecords,
                threads,
                chunk,
                batchSize,
                ingestBatches,
                loadAverage,
                measured,
                latency,
                http);
    }

    BenchResult withLatency(Latency measured) {
        return new BenchResult(
                floorRps,
                floorRunsRps,
                ingestRps,
                perRecordRps,
                verify,
                records,
                perRecordRecords,
                threads,
                chunk,
                batchSize,
                ingestBatches,
                loadAverage,
                resources,
                measured,
                http);
    }

    BenchResult withHttp(Http measured) {
        return new BenchResult(
                floorRps,
                floorRunsRps,
                ingestRps,
                perRecordRps,
                verify,
                records,
                perRecordRecords,
                threads,
                chunk,
                batchSize,
                ingestBatches,
                loadAverage,
                resources,
                latency,
                measured);
    }

    static final double INGEST_TARGET_RPS = 20_000;
    static final double INGEST_TO_FLOOR_TARGET = 0.5;
    static final double INGEST_TO_PER_RECORD_TARGET = 50;
    static final double VERIFY_P99_TARGET_US = 1_000;
    static final double ANCHORED_P50_TARGET_MS = 500;
    static final double DELIVERED_P50_TARGET_MS = 1_000;
    static final double HTTP_BATCH_TO_INGEST_TARGET = 0.6;
    static final double HTTP_SINGLE_TARGET_RPS = 2_000;
    static final double HTTP_SINGLE_P99_TARGET_MS = 50;

    double ingestVsFloor() {
        return ingestRps / floorRps;
    }

    double ingestVsPerRecord() {
        return ingestRps / perRecordRps;
    }

    boolean ingestRateMet() {
        return ingestRps >= INGEST_TARGET_RPS;
    }

    boolean ingestVsFloorMet() {
        return ingestVsFloor() >= INGEST_TO_FLOOR_TARGET;
    }

    boolean ingestVsPerRecordMet() {
        return ingestVsPerRecord() >= INGEST_TO_PER_RECORD_TARGET;
    }

    boolean verifyMet() {
        return verify.p99() < VERIFY_P99_TARGET_US;
    }

    /** The anchoring median under its target at a rate the client kept; true when phase (e) did not run. */
    boolean anchoredMet() {
        return !latency.measured() || (latency.rateKept() && latency.anchoredP50Ms() < ANCHORED_P50_TARGET_MS);
    }

    /** The delivery median under its target at a rate the client kept; true when phase (e) did not run. */
    boolean deliveredMet() {
        return !latency.measured() || (latency.rateKept() && latency.deliveredP50Ms() < DELIVERED_P50_TARGET_MS);
    }

    /** Records per second in batches over HTTP against the in-process ingest of the same run. */
    double httpBatchVsIngest() {
        return http.batchRps() / ingestRps;
    }

    /** Batches over HTTP at least 0.6 of the in-process ingest; true when phase (f) did not run. */
    boolean httpBatchMet() {
        return !http.measured() || httpBatchVsIngest() >= HTTP_BATCH_TO_INGEST_TARGET;
    }

    /** One record per request: at least 2,000 records/s with p99 under 50 ms; true when phase (f) did not run. */
    boolean httpSingleMet() {
        return !http.measured()
                || (http.singleRps() >= HTTP_SINGLE_TARGET_RPS && http.singleP99Ms() < HTTP_SINGLE_P99_TARGET_MS);
    }

    /** The figures as the command's last line prints them, in this order. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("floor_rps", round(floorRps));
        json.put("ingest_rps", round(ingestRps));
        json.put("per_record_rps", round(perRecordRps));
        json.put("verify_p50_us", round(verify.p50()));
        json.put("verify_p99_us", round(verify.p99()));
        json.put("verify_p999_us", round(verify.p999()));
        json.put("verify_signature_p50_us", round(verify.signatureP50()));
        json.put("floor_runs_rps", floorRunsRps.stream().map(BenchResult::round).toList());
        json.put("ingest_vs_floor", round2(ingestVsFloor()));
        json.put("ingest_vs_per_record", round2(ingestVsPerRecord()));
        json.put(
                "targets_met",
                ingestRateMet()
                        && ingestVsFloorMet()
                        && ingestVsPerRecordMet()
                        && verifyMet()
                        && anchoredMet()
                        && deliveredMet()
                        && httpBatchMet()
                        && httpSingleMet());
        json.put("records", records);
        json.put("per_record_records", perRecordRecords);
        json.put("verify_samples", verify.samples());
        json.put("threads", threads);
        json.put("chunk", chunk);
        json.put("batch_size", batchSize);
        json.put("ingest_batches", ingestBatches);
        json.put("load_avg_1m", round2(loadAverage));
        json.put("disk_bytes_per_record", Math.round(resources.diskBytesPerRecord()));
        json.put("database_bytes", resources.databaseBytes());
        json.put("records_stored", resources.recordsStored());
        json.put("peak_rss_mb", Math.round(resources.peakRssMb()));
        // null when phase (e) did not run
        boolean timed = latency.measured();
        json.put("publish_to_anchored_p50_ms", timed ? round(latency.anchoredP50Ms()) : null);
        json.put("publish_to_anchored_p99_ms", timed ? round(latency.anchoredP99Ms()) : null);
        json.put("publish_to_delivered_p50_ms", timed ? round(latency.deliveredP50Ms()) : null);
        json.put("publish_to_delivered_p99_ms", timed ? round(latency.deliveredP99Ms()) : null);
        json.put("latency_rate", timed ? latency.rate() : null);
        json.put("latency_achieved_rps", timed ? round(latency.achievedRps()) : null);
        json.put("latency_records", timed ? latency.records() : null);
        json.put("latency_deliveries", timed ? latency.deliveries() : null);
        // null when phase (f) did not run (no --http)
        boolean served = http.measured();
        json.put("http_batch_rps", served ? round(http.batchRps()) : null);
        json.put("http_single_rps", served ? round(http.singleRps()) : null);
        json.put("http_single_p50_ms", served ? round(http.singleP50Ms()) : null);
        json.put("http_single_p99_ms", served ? round(http.singleP99Ms()) : null);
        json.put("http_batch_vs_ingest", served ? round2(httpBatchVsIngest()) : null);
        json.put("http_records", served ? http.records() : null);
        json.put("http_instances", served ? http.instances() : null);
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
