package org.exchangehub.hub.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.exchangehub.adapters.registry.RegistryOutboundRoute;
import org.exchangehub.adapters.tax.TaxOutboundRoute;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.delivery.DeliveryProperties;
import org.exchangehub.hub.notary.NotaryProperties;
import org.exchangehub.hub.notary.NotaryStore;
import org.exchangehub.hub.notary.RecordLog;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.StoredRecord;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Phase (e), latency at a steady rate: how long after its publish call returned a record is anchored, and how long
 * until every receiver subscribed to its type has it, while the hub runs as it runs in service.
 *
 * <p>It runs a hub of its own: its own Spring context and data directory (deleted after), with the hub's notary
 * schedule ({@code hub.notary.interval}) and delivery rounds ({@code hub.delivery.interval}, the receivers' cursors
 * over the record log) on, and every push receiver of {@code hub.delivery.subscriptions} connected to one local HTTP
 * server ({@link BenchReceivers}): the tax bureau and the registry through their own routes ({@code
 * hub.agencies.<agency>.url}, as the dev profile connects them to their simulators), the others, whose routes do not
 * end at an HTTP server, through a {@link BenchReceiverRoute}. The throughput phases keep their hub, with its schedule
 * off and deliveries disabled, so that their figures keep their meaning (the notary driven as fast as it goes, no
 * delivery work on the machine) and this phase's figures are not those of a hub catching up with 100,000 records.
 *
 * <p>One client publishes: every 10 ms the records due by then at the given rate, in one {@link
 * RecordPublisher#publishAll} call (10 per call at 1,000 records/s), as a client of the batch API sends what it has;
 * one that falls behind catches up in a larger call. A record's anchoring is observed in-process through {@link
 * RecordLog#anchoredThrough()} (the anchored prefix, which is what deliveries wait for), polled every 10 ms; its
 * delivery when the receiver's HTTP server has its request. Latencies go into {@link LatencyHistogram}s, and the phase
 * keeps only the time each publish call returned (8 bytes per record) and a bit per record and receiver.
 */
final class SteadyRateLatency {

    /** The rate in records per second, for how long, and the batcher's most leaves per batch. */
    record Settings(int rate, int seconds, int batchSize) {
        int records() {
            return Math.multiplyExact(rate, seconds);
        }
    }

    static final Duration TICK = Duration.ofMillis(10);
    static final Duration POLL = Duration.ofMillis(10);
    /** The batch endpoint's most records per call. */
    static final int MAX_CALL = 1_000;
    /**
     * How long after the last publish every record must be anchored, and after that delivered: 60 s, plus twice the
     * phase's length for the deliveries (a hub that delivers slower than the rate has a backlog to work off).
     */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final Settings settings;
    private final String prefix;
    private final PrintWriter out;

    SteadyRateLatency(Settings settings, String prefix, PrintWriter out) {
        this.settings = settings;
        this.prefix = prefix;
        this.out = out;
    }

    /** Runs the phase in a hub of its own in {@code dataDir}, prints its line and returns its figures. */
    BenchResult.Latency run(Path dataDir) throws IOException, InterruptedException {
        int records = settings.records();
        AtomicLongArray publishedAt = new AtomicLongArray(records);
        try (BenchReceivers receivers = new BenchReceivers(prefix, publishedAt);
                ConfigurableApplicationContext hub = start(dataDir, receivers)) {
            DeliveryProperties delivery = hub.getBean(DeliveryProperties.class);
            Map<String, Set<String>> types = new TreeMap<>();
            delivery.pushEndpoints()
                    .keySet()
                    .forEach(receiver -> types.put(
                            receiver,
                            delivery.subscriptions().get(receiver).types().stream()
                                    .map(Enum::name)
                                    .collect(Collectors.toSet())));
            receivers.expect(types);

            RecordLog log = hub.getBean(RecordLog.class);
            AnchorWatch anchors =
                    new AnchorWatch(log, hub.getBean(RecordStore.class), publishedAt, log.anchoredThrough());
            Thread watch = new Thread(anchors, "bench-anchor-watch");
            watch.setDaemon(true);
            watch.start();
            double achieved;
            ThreadCpu cpu = new ThreadCpu();
            long cpuStart = ProcessCpu.nanos();
            long wallStart = System.nanoTime();
            try {
                achieved = publish(hub.getBean(RecordPublisher.class), publishedAt);
                watch.join(GRACE.toMillis());
                if (anchors.failure.get() != null) {
                    throw new IllegalStateException("(e): watching the anchored prefix failed", anchors.failure.get());
                }
                if (anchors.anchored.count() < records) {
                    throw new IllegalStateException(String.format(
                            Locale.ROOT,
                            "(e): %d of %d records anchored %d s after the last publish",
                            anchors.anchored.count(),
                            records,
                            GRACE.toSeconds()));
                }
                Duration deliveryGrace = GRACE.plusSeconds(2L * settings.seconds());
                if (!receivers.awaitAll(deliveryGrace.toMillis())) {
                    throw new IllegalStateException("(e): not every receiver got every record of its types "
                            + deliveryGrace.toSeconds() + " s after the last anchor: " + receivers.tally());
                }
            } finally {
                anchors.stop.set(true);
            }
            double cores = ProcessCpu.since(cpuStart) / (double) (System.nanoTime() - wallStart);
            String cpuByThread = cpu.since(6);
            BenchResult.Latency latency = new BenchResult.Latency(
                    settings.rate(),
                    settings.seconds(),
                    records,
                    achieved,
                    receivers.count(),
                    receivers.delivered().count(),
                    anchors.anchored.percentileMillis(0.50),
                    anchors.anchored.percentileMillis(0.99),
                    receivers.delivered().percentileMillis(0.50),
                    receivers.delivered().percentileMillis(0.99));
            out.println(String.format(
                    Locale.ROOT,
                    "(e) latency at %d records/s for %d s: %d records published by one client (publishAll every %d ms"
                            + " of the records due, %d per call), %.1f records/s achieved%s, to a hub of its own (notary"
                            + " every %d ms, delivery rounds every %d ms): publish→anchored p50 %.1f ms p99 %.1f ms;"
                            + " publish→delivered p50 %.1f ms p99 %.1f ms (%d receivers over HTTP, %d deliveries: %s);"
                            + " process CPU %.2f cores busy, by thread: %s",
                    settings.rate(),
                    settings.seconds(),
                    records,
                    TICK.toMillis(),
                    Math.max(1, settings.rate() / (1000 / TICK.toMillis())),
                    achieved,
                    latency.rateKept() ? "" : " (RATE NOT KEPT: the hub took the records slower than they were due)",
                    hub.getBean(NotaryProperties.class).interval().toMillis(),
                    delivery.interval().toMillis(),
                    latency.anchoredP50Ms(),
                    latency.anchoredP99Ms(),
                    latency.deliveredP50Ms(),
                    latency.deliveredP99Ms(),
                    latency.receivers(),
                    latency.deliveries(),
                    receivers.tally(),
                    cores,
                    cpuByThread));
            out.flush();
            return latency;
        }
    }

    /**
     * The hub as it runs in service, its receivers' systems being {@code receivers}: the tax bureau's and the
     * registry's routes by URL, a {@link BenchReceiverRoute} for each other push receiver (the portal's in-process
     * route is switched off; the housing bureau has no front-end database here, so no route of its own).
     */
    private ConfigurableApplicationContext start(Path dataDir, BenchReceivers receivers) {
        Set<String> ownHttpRoutes = Set.of(TaxOutboundRoute.AGENCY, RegistryOutboundRoute.AGENCY);
        return new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .initializers(context -> {
                    // the receivers are known from the configuration only: bind it as the hub will
                    DeliveryProperties delivery =
                            Binder.get(context.getEnvironment()).bindOrCreate("hub.delivery", DeliveryProperties.class);
                    delivery.pushEndpoints().forEach((receiver, endpoint) -> {
                        if (!ownHttpRoutes.contains(receiver)) {
                            ((GenericApplicationContext) context)
                                    .registerBean(
                                            "benchReceiverRoute-" + receiver,
                                            BenchReceiverRoute.class,
                                            () -> new BenchReceiverRoute(receiver, receivers.url(receiver), endpoint));
                        }
                    });
                })
                .run(
                        "--hub.data-dir=" + dataDir.toAbsolutePath(),
                        "--hub.notary.batch-size=" + settings.batchSize(),
                        "--hub.agencies.tax.url=" + receivers.url(TaxOutboundRoute.AGENCY),
                        "--hub.agencies.registry.url=" + receivers.url(RegistryOutboundRoute.AGENCY),
                        "--hub.agencies.portal.enabled=false",
                        "--logging.level.root=WARN");
    }

    /**
     * Publishes the phase's records at the steady rate; notes when each call returned. Returns the rate achieved, from
     * the start to the last call's return.
     */
    private double publish(RecordPublisher publisher, AtomicLongArray publishedAt) {
        int records = settings.records();
        List<PublishRequest> requests = BenchRecords.of(prefix, records);
        long ticksPerSecond = Duration.ofSeconds(1).dividedBy(TICK);
        long start = System.nanoTime();
        long last = start;
        int sent = 0;
        for (long tick = 1; sent < records; tick++) {
            parkUntil(start + tick * TICK.toNanos());
            int due = (int) Math.min(records, tick * settings.rate() / ticksPerSecond);
            while (sent < due) {
                int to = Math.min(due, sent + MAX_CALL);
                NotarizedIngest.publishNew(publisher, requests.subList(sent, to));
                last = System.nanoTime();
                for (int i = sent; i < to; i++) {
                    publishedAt.set(i, last);
                }
                sent = to;
            }
        }
        return records / ((last - start) / 1e9);
    }

    private static void parkUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * Follows the anchored prefix of the record log: each time it moves, the records it passed are anchored now. Runs
     * until it saw every record of the phase, or is stopped.
     */
    private final class AnchorWatch implements Runnable {
        final LatencyHistogram anchored = new LatencyHistogram();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final RecordLog log;
        final RecordStore store;
        final AtomicLongArray publishedAt;
        final AtomicLong through;

        AnchorWatch(RecordLog log, RecordStore store, AtomicLongArray publishedAt, long through) {
            this.log = log;
            this.store = store;
            this.publishedAt = publishedAt;
            this.through = new AtomicLong(through);
        }

        @Override
        public void run() {
            try {
                while (!stop.get() && anchored.count() < publishedAt.length()) {
                    long now = log.anchoredThrough();
                    long seen = System.nanoTime();
                    if (now > through.get()) {
                        List<Long> seqs = log.between(through.get() + 1, now).stream()
                                .map(NotaryStore.LogEntry::seq)
                                .toList();
                        for (StoredRecord record : store.bySeqs(seqs)) {
                            int index = BenchRecords.indexOf(prefix, record.id());
                            if (index >= 0 && index < publishedAt.length()) {
                                long published = publishedAt.get(index);
                                // 0: its publish call has not returned yet (not rescheduled since the commit)
                                anchored.record(published == 0 ? 0 : (seen - published) / 1_000);
                            }
                        }
                        through.set(now);
                    }
                    LockSupport.parkNanos(POLL.toNanos());
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }
    }
}
