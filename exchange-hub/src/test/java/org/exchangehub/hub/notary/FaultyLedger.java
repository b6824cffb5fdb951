package org.exchangehub.hub.notary;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerMode;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;

/**
 * A real ledger behind switches: down (every call fails as unreachable, and is counted), committing and then losing
 * the commit status, refusing the next anchor, running something of the test's during the next anchor, the process
 * dying right after the next commit, or holding record batches' anchors until released.
 */
final class FaultyLedger implements LedgerGateway {

    final AtomicBoolean down = new AtomicBoolean();
    final AtomicBoolean loseNextCommitStatus = new AtomicBoolean();
    final AtomicBoolean refuseNextAnchor = new AtomicBoolean();
    final AtomicBoolean dieAfterNextCommit = new AtomicBoolean();
    final AtomicReference<Runnable> duringNextAnchor = new AtomicReference<>();
    /** calls that found the ledger down */
    final AtomicInteger callsWhileDown = new AtomicInteger();
    /** probes ({@code GetBatch} of the probe's batch id) that found the ledger down */
    final AtomicInteger probesWhileDown = new AtomicInteger();
    /** record batches' anchors that reached the ledger while held */
    final AtomicInteger anchorsHeld = new AtomicInteger();

    private volatile CountDownLatch hold;
    private final LedgerGateway ledger;

    FaultyLedger(LedgerGateway ledger) {
        this.ledger = ledger;
    }

    /** The process dies (the test's stand-in for kill -9: nothing after the ledger call runs). */
    static final class InstanceDied extends Error {
        InstanceDied() {
            super("the hub instance died (test)");
        }
    }

    /** Holds every record batch's anchor (not the audit log's) until {@link #release()}. */
    void holdAnchors() {
        hold = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch held = hold;
        hold = null;
        if (held != null) {
            held.countDown();
        }
    }

    private void reachable() {
        if (down.get()) {
            callsWhileDown.incrementAndGet();
            throw new LedgerUnavailableException("the ledger is down (test)", null);
        }
    }

    @Override
    public LedgerMode mode() {
        return ledger.mode();
    }

    @Override
    public String channel() {
        return ledger.channel();
    }

    @Override
    public Submitted submit(String transaction, String... arguments) {
        reachable();
        boolean recordBatch = "AnchorBatch".equals(transaction) && arguments[0].startsWith("b-");
        if (recordBatch) {
            Runnable during = duringNextAnchor.getAndSet(null);
            if (during != null) {
                during.run();
            }
            if (refuseNextAnchor.getAndSet(false)) {
                throw new LedgerRefusedException("IDENTITY_NOT_ALLOWED", "refused (test)");
            }
            CountDownLatch held = hold;
            if (held != null) {
                anchorsHeld.incrementAndGet();
                await(held);
            }
        }
        Submitted submitted = ledger.submit(transaction, arguments);
        if (recordBatch && dieAfterNextCommit.getAndSet(false)) {
            throw new InstanceDied();
        }
        if (loseNextCommitStatus.getAndSet(false)) {
            throw new LedgerUnavailableException(
                    "commit status of " + submitted.transactionId() + " lost (test)", null);
        }
        return submitted;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new LedgerUnavailableException("held anchor never released (test)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while held (test)", e);
        }
    }

    @Override
    public byte[] evaluate(String transaction, String... arguments) {
        if (down.get() && "GetBatch".equals(transaction) && "hub-probe".equals(arguments[0])) {
            probesWhileDown.incrementAndGet();
        }
        reachable();
        return ledger.evaluate(transaction, arguments);
    }

    @Override
    public long height() {
        reachable();
        return ledger.height();
    }

    @Override
    public long blockNumberOf(String transactionId) {
        reachable();
        return ledger.blockNumberOf(transactionId);
    }
}
