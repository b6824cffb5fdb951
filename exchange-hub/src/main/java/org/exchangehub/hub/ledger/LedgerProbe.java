package org.exchangehub.hub.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether the ledger answered the last time anyone asked: a cheap probe ({@link NotaryLedger#probe()}) or an anchor.
 * While the ledger is down, the anchoring jobs ask this whether a probe is due (every {@code hub.notary.probe-interval})
 * instead of sleeping out a backoff, so pending batches are anchored as soon as a probe sees the ledger back; the
 * health shows the last observation.
 */
@Component
public class LedgerProbe {

    private final NotaryLedger ledger;
    private final Clock clock;
    private volatile Observation last;

    public LedgerProbe(NotaryLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What was seen of the ledger and when; {@code error} says why it was down. */
    public record Observation(boolean up, Instant at, String error) {}

    /** Asks the ledger now; true when it answered. */
    public boolean probe() {
        try {
            ledger.probe();
            up();
            return true;
        } catch (LedgerUnavailableException e) {
            down(e.getMessage());
            return false;
        }
    }

    /** The ledger answered a call (an anchor committed, a refusal came back). */
    public void up() {
        last = new Observation(true, clock.instant(), null);
    }

    /** A call found the ledger unreachable. */
    public void down(String error) {
        last = new Observation(false, clock.instant(), error == null ? "unknown" : error);
    }

    /** Whether the ledger was down when last seen, and that is less than {@code every} ago: wait, do not call it. */
    public boolean waitBeforeCalling(Duration every) {
        Observation seen = last;
        return seen != null && !seen.up() && clock.instant().isBefore(seen.at().plus(every));
    }

    /** Whether the ledger was down when last seen. */
    public boolean seenDown() {
        Observation seen = last;
        return seen != null && !seen.up();
    }

    /** The last observation; empty before the first call. */
    public Optional<Observation> last() {
        return Optional.ofNullable(last);
    }
}
