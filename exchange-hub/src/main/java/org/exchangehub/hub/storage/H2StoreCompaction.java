package org.exchangehub.hub.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Rewrites the partly dead chunks of the hub's H2 store, so that the file stays close to the size of its live data.
 *
 * <p>Why the hub does it: H2's MVStore appends every commit as a new chunk and leaves the old copies of the pages in
 * their chunks; only its background writer thread rewrites chunks whose live share has fallen and moves chunks into
 * the holes to shrink the file ("housekeeping"). That thread runs only with a write delay: with {@code WRITE_DELAY=0}
 * (every commit written at once, which the hub needs so that a kill loses no acknowledged record) H2 never compacts
 * while open, and only for 200 ms ({@code MAX_COMPACT_TIME}) at a clean close, never after a kill. Measured: 20,050
 * records through {@code bench} left a 461 MB file of which 11 % was live chunks (H2's {@code info.FILL_RATE}); these
 * two calls brought it to 35 MB with the database open.
 *
 * <p>A round (every {@code hub.storage.compaction-interval}, the first right after start, so a hub restarted after a
 * kill catches up) does the first half of H2's housekeeping: rewrite the least live chunks (a bounded amount per
 * call), until nothing is left to do or its time is up; the space they leave is reused by later chunks. It does not
 * move chunks to truncate the file while it is open (see {@link #compact()}). Chunks written
 * in the last {@code RETENTION_TIME} are kept as H2 keeps them (5 s in the hub's database URL, H2's default 45 s: at full
 * ingest, 45 s of chunks were most of the file). On PostgreSQL, or when the database is served
 * by another process, it does nothing. Rounds run on a thread of their own, not on the scheduler's one thread that the
 * notary and the deliveries share.
 */
@Component
class H2StoreCompaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2StoreCompaction.class);

    /** Chunks with less live data than this percentage are rewritten. */
    static final int TARGET_FILL_RATE = 80;
    /** At most this many bytes of live pages are rewritten by one call into the store. */
    private static final int WRITE_LIMIT_BYTES = 16 << 20;
    /** A round stops starting new calls after this long, so it never holds up the store for long. */
    private static final long ROUND_NANOS = 2_000_000_000L;

    private final DataSource dataSource;
    private final Duration interval;
    private ScheduledExecutorService rounds;

    H2StoreCompaction(DataSource dataSource, @Value("${hub.storage.compaction-interval:2s}") Duration interval) {
        this.dataSource = dataSource;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "h2-store-compaction");
            thread.setDaemon(true);
            return thread;
        });
        rounds.scheduleWithFixedDelay(this::compact, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops after the round under way, before the database closes. */
    @Override
    public synchronized void stop() {
        rounds.shutdown();
        try {
            rounds.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rounds = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return rounds != null;
    }

    /** One round; the number of steps that rewrote or moved chunks (0: nothing to do, or not H2). */
    int compact() {
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> store = embeddedStore(connection);
            if (store.isEmpty()) {
                return 0;
            }
            MVStore mvStore = store.get();
            int steps = 0;
            long start = System.nanoTime();
            // Only rewrites: the chunks they empty are free space the next commits' chunks take (H2 allocates in the
            // file's holes). Moving chunks to truncate the file (RandomAccessStore.compactMoveChunks) is not done while
            // the database is open: with commits going on from several threads, H2 2.3.232 failed an assertion in
            // moveChunkInside and closed the database (a hub test's context, every later call failed).
            while (!mvStore.isClosed() && System.nanoTime() - start < ROUND_NANOS) {
                int fillBefore = mvStore.getFillRate();
                boolean rewrote = mvStore.compact(TARGET_FILL_RATE, WRITE_LIMIT_BYTES);
                if (rewrote) {
                    mvStore.commit(); // stores the rewritten pages, so that their old chunks can be freed
                }
                if (!rewrote && mvStore.getFillRate() <= fillBefore) {
                    break; // nothing more to gain now: what is left is younger than the retention time
                }
                steps++;
            }
            if (steps > 0) {
                log.debug(
                        "H2 store: {} compaction steps, file {} bytes, {} % live",
                        steps, mvStore.getFileStore().size(), mvStore.getFillRate());
            }
            return steps;
        } catch (SQLException | RuntimeException e) {
            // a closing database, a store in trouble: the next round tries again; the data is not at stake
            log.warn("H2 store compaction failed: {}", e.toString());
            return 0;
        }
    }

    /** The MVStore behind a connection to an H2 database open in this JVM; empty for anything else. */
    static Optional<MVStore> embeddedStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || session.getDatabase().getStore() == null) {
            return Optional.empty(); // a client of an H2 server in another process (AUTO_SERVER), or in-memory
        }
        return Optional.of(session.getDatabase().getStore().getMvStore());
    }
}
