package org.exchangehub.hub.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Commits the work of concurrent callers together: each caller hands in its item and waits until the item is
 * committed, as if alone, but while one transaction is being written the items that arrive meanwhile queue up and the
 * next transaction takes them all (up to {@code maxGroup}). A database commit (a WAL flush on PostgreSQL, a chunk and
 * the store lock on H2) costs about the same for one row as for fifty, so under load the commits per second stay
 * near those of one thread while the items per commit grow with the load; alone, a caller commits at once and waits
 * for nobody.
 *
 * <p>No thread of its own: the first caller that finds no commit in progress leads — it commits the queued items,
 * group after group, until its own item is done, then hands over to a waiting caller. A caller returns only when its
 * item's outcome is known, so "committed before the answer leaves" holds for each of them.
 *
 * @param <I> an item
 * @param <O> its outcome
 */
public final class GroupCommit<I, O> {

    private final Function<List<I>, List<O>> commit;
    private final int maxGroup;
    private final Object monitor = new Object();
    private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
    private boolean leading;

    /**
     * @param commit commits a group in one transaction and returns one outcome per item, in order; when it throws,
     *     every item of the group fails with that exception
     * @param maxGroup the most items in one group
     */
    public GroupCommit(Function<List<I>, List<O>> commit, int maxGroup) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be 1 or more, got " + maxGroup);
        }
        this.commit = commit;
        this.maxGroup = maxGroup;
    }

    /** Commits {@code item}, with whatever other items are waiting; returns its outcome once committed. */
    public O submit(I item) {
        Pending<I, O> mine = new Pending<>(item);
        boolean interrupted = false;
        try {
            synchronized (monitor) {
                queue.add(mine);
                while (leading && !mine.done) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        // the item is queued and will be committed: wait for its outcome all the same
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    return mine.outcome();
                }
                leading = true;
            }
            lead(mine);
            return mine.outcome();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many items wait for a commit (for tests). */
    int queued() {
        synchronized (monitor) {
            return queue.size();
        }
    }

    private void lead(Pending<I, O> mine) {
        try {
            while (!mine.done) {
                List<Pending<I, O>> group = new ArrayList<>();
                synchronized (monitor) {
                    while (group.size() < maxGroup && !queue.isEmpty()) {
                        group.add(queue.poll());
                    }
                }
                commitGroup(group);
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }
        } finally {
            synchronized (monitor) {
                leading = false;
                // a caller whose item is still queued takes over
                monitor.notifyAll();
            }
        }
    }

    private void commitGroup(List<Pending<I, O>> group) {
        List<I> items = new ArrayList<>(group.size());
        for (Pending<I, O> pending : group) {
            items.add(pending.item);
        }
        try {
            List<O> outcomes = commit.apply(items);
            if (outcomes.size() != items.size()) {
                throw new IllegalStateException(
                        "a group of " + items.size() + " items got " + outcomes.size() + " outcomes");
            }
            synchronized (monitor) {
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).succeed(outcomes.get(i));
                }
            }
        } catch (RuntimeException | Error e) {
            synchronized (monitor) {
                for (Pending<I, O> pending : group) {
                    pending.fail(e);
                }
            }
        }
    }

    private static final class Pending<I, O> {
        final I item;
        boolean done;
        O outcome;
        Throwable failure;

        Pending(I item) {
            this.item = item;
        }

        void succeed(O outcome) {
            this.outcome = outcome;
            this.done = true;
        }

        void fail(Throwable failure) {
            this.failure = failure;
            this.done = true;
        }

        O outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return outcome;
        }
    }
}
