package org.exchangehub.hub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Items {@code [0, items)} cut into chunks that a few threads take in turn, as concurrent clients would send them. */
final class ChunkedWork {

    /** Handles the items {@code [from, to)}. */
    interface Chunk {
        void run(int from, int to) throws Exception;
    }

    private ChunkedWork() {}

    /** Runs every chunk on {@code threads} threads; returns when all are done, rethrowing the first failure. */
    static void run(String name, int items, int chunkSize, int threads, Chunk chunk) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(
                    () -> {
                        for (int from = next.getAndAdd(chunkSize); from < items && failure.get() == null; ) {
                            try {
                                chunk.run(from, Math.min(items, from + chunkSize));
                            } catch (Throwable e) {
                                failure.compareAndSet(null, e);
                            }
                            from = next.getAndAdd(chunkSize);
                        }
                    },
                    name + "-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + " was interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(name + " failed: " + failure.get().getMessage(), failure.get());
        }
    }
}
