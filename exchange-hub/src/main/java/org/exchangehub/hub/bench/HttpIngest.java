package org.exchangehub.hub.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.notary.NotaryProperties;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.security.AgencyTlsConnector;
import org.exchangehub.hub.security.DevelopmentClients;
import org.exchangehub.hub.security.SecurityConfiguration;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Phase (f), the ingest through the agency API: records published over HTTPS by {@value #CLIENTS} client threads
 * holding the housing bureau's client certificate, to the hub running as a real web server on loopback — the way an
 * agency's system publishes, with everything the in-process ingest (b) bypasses: TLS, the servlet stack, the client
 * certificate's check, JSON in and out, and the audit log's entry for every record, committed before the answer
 * leaves.
 *
 * <p>It runs a hub of its own (its own Spring context and data directory, deleted after, as phase (e)), configured as
 * in service except that deliveries are off, as in the throughput hub: deliveries are downstream of the ingest and
 * (e) measures them. The notary runs on its own schedule ({@code hub.notary.interval}), the audit log's anchoring
 * too; the agency port ({@code hub.security.agency-tls}) listens on a free port and trusts the development PKI the
 * hub writes into its data directory.
 *
 * <p>Two parts, each of new {@link BenchRecords}: batches of {@value #BATCH} records to the batch endpoint, and one
 * record per request. Each part is timed as the in-process ingest is, from the first request to the anchoring of its
 * last record, so that {@code http_batch_vs_ingest} compares the same work to the same end point; the time until the
 * last answer is printed beside it. A single record's latency is its request's round trip (send to answer), kept in a
 * {@link LatencyHistogram}. Any answer but 2xx, or a record in a batch answered other than 202 (new), fails the phase
 * with the status and the problem body.
 */
final class HttpIngest {

    /** The records of each part, and whether to warm the HTTP path up first (uncounted). */
    record Settings(int records, boolean warmup, int batchSize, int instances) {}

    /** The most hub instances {@code --http-instances} starts in this JVM. */
    static final int MAX_INSTANCES = 4;

    static final int CLIENTS = 8;
    static final int BATCH = 100;
    /** Records of each part of the uncounted warm-up round, when there is one. */
    static final int WARMUP_RECORDS = 2_000;
    /** How long after the last answer every record must be anchored. */
    static final Duration GRACE = Duration.ofSeconds(60);

    static final Duration POLL = Duration.ofMillis(5);
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Settings settings;
    private final String prefix;
    private final PrintWriter out;

    HttpIngest(Settings settings, String prefix, PrintWriter out) {
        this.settings = settings;
        this.prefix = prefix;
        this.out = out;
    }

    /** One part's figures: records, wall time to the last answer and to the last anchor, process CPU, latencies. */
    record Part(int records, long answeredNanos, long anchoredNanos, long cpuNanos, long audited) {
        /** Records per second to the last anchor (the in-process ingest's end point). */
        double perSecond() {
            return records * 1e9 / anchoredNanos;
        }

        double answeredPerSecond() {
            return records * 1e9 / answeredNanos;
        }

        double cpuMicrosPerRecord() {
            return cpuNanos < 0 ? -1 : cpuNanos / 1e3 / records;
        }
    }

    /** Runs the phase in a hub of its own in {@code dataDir}, prints its line and returns its figures. */
    BenchResult.Http run(Path dataDir) throws IOException, InterruptedException {
        List<ConfigurableApplicationContext> hubs = new ArrayList<>();
        try {
            for (int i = 0; i < settings.instances(); i++) {
                // one data directory: the instances share the hub's keys, as instances of one hub do
                hubs.add(start(dataDir));
            }
            ConfigurableApplicationContext hub = hubs.get(0);
            Path pki = hub.getBean(SecurityConfiguration.AgencyTrust.class).developmentPki();
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .sslContext(DevelopmentClients.sslContext(pki, BenchRecords.AGENCY))
                    .build();
            List<URI> bases = hubs.stream()
                    .map(h -> URI.create("https://localhost:"
                            + h.getBean(AgencyTlsConnector.class).localPort()))
                    .toList();
            Agency agency = new Agency(client, bases, hub.getBean(JdbcClient.class));
            if (settings.warmup()) {
                int warm = Math.min(WARMUP_RECORDS, settings.records());
                agency.part(prefix + "-warm-b", warm, BATCH, new LatencyHistogram());
                agency.part(prefix + "-warm-s", warm, 1, new LatencyHistogram());
            }
            ThreadCpu cpu = new ThreadCpu();
            Part batches = agency.part(prefix + "-b", settings.records(), BATCH, new LatencyHistogram());
            LatencyHistogram singleLatency = new LatencyHistogram();
            Part singles = agency.part(prefix + "-s", settings.records(), 1, singleLatency);
            String cpuByThread = cpu.since(6);
            BenchResult.Http http = new BenchResult.Http(
                    settings.records(),
                    batches.perSecond(),
                    singles.perSecond(),
                    singleLatency.percentileMillis(0.50),
                    singleLatency.percentileMillis(0.99),
                    settings.instances());
            out.println(String.format(
                    Locale.ROOT,
                    "(f) HTTP: %d clients over mutual TLS to %d hub instance(s) of its own on loopback (audit log on,"
                            + " notary every"
                            + " %d ms, deliveries off), time to the last record anchored: batches of %d: %d records"
                            + " in %.2f s, %.0f records/s (%.0f to the last answer), %.0f us CPU per record;"
                            + " one record per request: %d records in %.2f s, %.0f records/s (%.0f to the last"
                            + " answer), %.0f us CPU per record, request p50 %.1f ms p99 %.1f ms; every record stored,"
                            + " anchored and audited (audit entries %d + %d); CPU of both parts by thread: %s",
                    CLIENTS,
                    settings.instances(),
                    hub.getBean(NotaryProperties.class).interval().toMillis(),
                    BATCH,
                    batches.records(),
                    batches.anchoredNanos() / 1e9,
                    batches.perSecond(),
                    batches.answeredPerSecond(),
                    batches.cpuMicrosPerRecord(),
                    singles.records(),
                    singles.anchoredNanos() / 1e9,
                    singles.perSecond(),
                    singles.answeredPerSecond(),
                    singles.cpuMicrosPerRecord(),
                    http.singleP50Ms(),
                    http.singleP99Ms(),
                    batches.audited(),
                    singles.audited(),
                    cpuByThread));
            out.flush();
            return http;
        } finally {
            hubs.forEach(ConfigurableApplicationContext::close);
        }
    }

    /**
     * The hub as it runs in service, as a web server on loopback: its plain port and its agency port free ones, the
     * notary and the audit anchoring on their schedules, deliveries off.
     */
    private ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(
                        "--hub.data-dir=" + dataDir.toAbsolutePath(),
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--hub.security.agency-tls.enabled=true",
                        "--hub.security.agency-tls.port=0",
                        "--hub.notary.batch-size=" + settings.batchSize(),
                        "--hub.audit.enabled=true",
                        "--hub.delivery.enabled=false",
                        "--logging.level.root=WARN");
    }

    /**
     * Audit entries recorded, chained or still pending (ADR 9: an entry is chained shortly after its call), in one
     * statement so that an entry being chained meanwhile is counted once.
     */
    private static final String AUDITED =
            "SELECT (SELECT COUNT(*) FROM audit_entry) + (SELECT COUNT(*) FROM audit_pending)";

    /** The housing bureau's system: {@value #CLIENTS} threads sharing one HTTP client (a connection each). */
    private record Agency(HttpClient client, List<URI> bases, JdbcClient jdbc) {

        /**
         * Publishes {@code count} new records {@code perRequest} at a time (1: to {@code /api/v1/records}, more: to
         * the batch endpoint) from {@value #CLIENTS} threads and waits until all are anchored.
         */
        Part part(String name, int count, int perRequest, LatencyHistogram latency) {
            List<PublishRequest> records = BenchRecords.of(name, count);
            long recordsBefore = count("SELECT COUNT(*) FROM record_version");
            long anchoredBefore = anchoredLeaves();
            long auditedBefore = count(AUDITED);
            long cpuStart = ProcessCpu.nanos();
            long start = System.nanoTime();
            ChunkedWork.run("bench-http-client", count, perRequest, CLIENTS, (from, to) -> {
                long sent = System.nanoTime();
                // the clients take turns over the instances, request by request
                URI base = bases.get((from / perRequest) % bases.size());
                if (to - from == 1) {
                    publishOne(base, records.get(from));
                } else {
                    publishBatch(base, records.subList(from, to));
                }
                latency.record((System.nanoTime() - sent) / 1_000);
            });
            long answered = System.nanoTime() - start;
            long deadline = System.nanoTime() + GRACE.toNanos();
            long anchored;
            while ((anchored = anchoredLeaves() - anchoredBefore) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format(
                            Locale.ROOT,
                            "(f) %s: %d of %d records anchored %d s after the last answer",
                            name,
                            anchored,
                            count,
                            GRACE.toSeconds()));
                }
                LockSupport.parkNanos(POLL.toNanos());
            }
            long done = System.nanoTime() - start;
            long cpu = ProcessCpu.since(cpuStart);
            long stored = count("SELECT COUNT(*) FROM record_version") - recordsBefore;
            long audited = count(AUDITED) - auditedBefore;
            // every record answered 202 is stored; every call and every record of a batch has its audit entry
            if (stored != count || audited < count) {
                throw new IllegalStateException(String.format(
                        Locale.ROOT,
                        "(f) %s: %d records answered 202, but %d stored and %d audit entries written",
                        name,
                        count,
                        stored,
                        audited));
            }
            return new Part(count, answered, done, cpu, audited);
        }

        private void publishOne(URI base, PublishRequest record) throws IOException, InterruptedException {
            HttpResponse<String> answer = post(base, "/api/v1/records", record);
            if (answer.statusCode() != 202) {
                throw refused(record.type() + "/" + record.id(), answer);
            }
        }

        private void publishBatch(URI base, List<PublishRequest> records) throws IOException, InterruptedException {
            HttpResponse<String> answer = post(base, "/api/v1/records/batch", records);
            if (answer.statusCode() / 100 != 2) {
                throw refused(
                        "a batch of " + records.size() + " from "
                                + records.get(0).id(),
                        answer);
            }
            JsonNode results = JSON.readTree(answer.body());
            if (results.size() != records.size()) {
                throw new IllegalStateException("(f): a batch of " + records.size() + " records got " + results.size()
                        + " results: " + answer.body());
            }
            for (JsonNode result : results) {
                if (result.path("status").asInt() != 202) {
                    PublishRequest record = records.get(result.path("index").asInt());
                    throw new IllegalStateException("(f): the hub answered " + record.type() + "/" + record.id()
                            + " in a batch with " + result + " (expected 202, a new record)");
                }
            }
        }

        private HttpResponse<String> post(URI base, String path, Object body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
        }

        private static IllegalStateException refused(String what, HttpResponse<String> answer) {
            return new IllegalStateException("(f): the hub answered " + what + " with " + answer.statusCode() + " "
                    + answer.headers().firstValue("Content-Type").orElse("") + ": " + answer.body());
        }

        private long anchoredLeaves() {
            return count("SELECT COALESCE(SUM(leaf_count), 0) FROM notary_batch WHERE state = 'ANCHORED'");
        }

        private long count(String sql) {
            return jdbc.sql(sql).query(Long.class).single();
        }
    }
}
