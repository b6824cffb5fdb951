package org.exchangehub.hub.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;

/**
 * The hub's notarized ingest: records published through {@link RecordPublisher} by a few client threads while one
 * thread drives a {@link NotaryBatcher} as the hub's scheduler does (drain, again and again), until the batcher has
 * anchored every record. The time runs from the first publish to the last anchor.
 */
final class NotarizedIngest {

    private final RecordPublisher publisher;
    private final int threads;
    private final int chunk;
    private final Duration drainDelay;

    /**
     * @param chunk records per call: 1 publishes each with {@link RecordPublisher#publish}, more uses {@link
     *     RecordPublisher#publishAll} as the API's batch endpoint does
     * @param drainDelay the pause after each drain, as the hub's schedule makes ({@code hub.notary.interval})
     */
    NotarizedIngest(RecordPublisher publisher, int threads, int chunk, Duration drainDelay) {
        this.publisher = publisher;
        this.threads = threads;
        this.chunk = chunk;
        this.drainDelay = drainDelay;
    }

    /** Publishes every request (all new); returns once {@code batcher} anchored them all, timed from the first publish. */
    Throughput run(String name, List<PublishRequest> requests, NotaryBatcher batcher) {
        AtomicBoolean publishFailed = new AtomicBoolean();
        AtomicReference<Throwable> drainFailure = new AtomicReference<>();
        AtomicLong anchoredAt = new AtomicLong();
        long cpuStart = ProcessCpu.nanos();
        long start = System.nanoTime();
        Thread notary = new Thread(
                () -> {
                    try {
                        int anchored = 0;
                        while (anchored < requests.size() && !publishFailed.get()) {
                            anchored += batcher.drain();
                            if (anchored < requests.size()) {
                                LockSupport.parkNanos(drainDelay.toNanos());
                            }
                        }
                        anchoredAt.set(System.nanoTime());
                    } catch (Throwable e) {
                        drainFailure.set(e);
                    }
                },
                name + "-notary");
        notary.start();
        try {
            ChunkedWork.run(
                    name,
                    requests.size(),
                    chunk,
                    threads,
                    (from, to) -> publishNew(publisher, requests.subList(from, to)));
        } catch (RuntimeException e) {
            publishFailed.set(true);
            throw e;
        } finally {
            join(notary);
        }
        if (drainFailure.get() != null) {
            throw new IllegalStateException(name + ": notarization failed", drainFailure.get());
        }
        return new Throughput(requests.size(), anchoredAt.get() - start, ProcessCpu.since(cpuStart));
    }

    /**
     * Publishes new records as a client of the API would: one with {@link RecordPublisher#publish}, more in one {@link
     * RecordPublisher#publishAll} call as the batch endpoint does; throws when the hub refused one or had it already.
     */
    static void publishNew(RecordPublisher publisher, List<PublishRequest> requests) {
        List<Object> outcomes = requests.size() == 1
                ? List.of(publisher.publish(BenchRecords.AGENCY, requests.get(0)))
                : publisher.publishAll(BenchRecords.AGENCY, requests);
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof ApiException refused) {
                throw new IllegalStateException(
                        "the hub refused " + requests.get(i).type() + "/"
                                + requests.get(i).id() + ": " + refused.getMessage(),
                        refused);
            }
            if (!((RecordPublisher.Published) outcomes.get(i)).created()) {
                throw new IllegalStateException(requests.get(i).id() + " was already there: the records must be new");
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the notary", e);
        }
    }
}
