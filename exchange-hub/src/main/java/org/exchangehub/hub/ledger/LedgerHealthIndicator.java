package org.exchangehub.hub.ledger;

import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} shows the ledger: UP or DOWN by a probe made now (recorded as the last probe, which the
 * notary's anchoring follows too), its mode, channel and height, the time of the probe, why it is down, and how many
 * sealed batches wait to be anchored.
 */
@Component("ledger")
class LedgerHealthIndicator implements HealthIndicator {

    private final LedgerGateway ledger;
    private final LedgerProbe probe;
    private final ObjectProvider<AnchorBacklog> backlog;

    LedgerHealthIndicator(LedgerGateway ledger, LedgerProbe probe, ObjectProvider<AnchorBacklog> backlog) {
        this.ledger = ledger;
        this.probe = probe;
        this.backlog = backlog;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.unknown()
                .withDetail("mode", ledger.mode().name().toLowerCase(Locale.ROOT))
                .withDetail("channel", ledger.channel());
        boolean up = probe.probe();
        LedgerProbe.Observation seen = probe.last().orElseThrow();
        health.withDetail("lastProbe", seen.at().toString());
        AnchorBacklog pending = backlog.getIfAvailable();
        if (pending != null) {
            try {
                health.withDetail("pendingBatches", pending.sealedBatches());
            } catch (RuntimeException e) {
                // the database is its own health component; the ledger's answer stands without the count
            }
        }
        if (!up) {
            return health.down().withDetail("error", seen.error()).build();
        }
        try {
            return health.up().withDetail("height", ledger.height()).build();
        } catch (LedgerUnavailableException | LedgerRefusedException e) {
            probe.down(e.getMessage());
            return health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
