package org.exchangehub.hub.ledger;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} shows the ledger: its mode, channel and height, or why it cannot be reached. */
@Component("ledger")
class LedgerHealthIndicator implements HealthIndicator {

    private final LedgerGateway ledger;

    LedgerHealthIndicator(LedgerGateway ledger) {
        this.ledger = ledger;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.unknown()
                .withDetail("mode", ledger.mode().name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("channel", ledger.channel());
        try {
            return health.up().withDetail("height", ledger.height()).build();
        } catch (LedgerUnavailableException | LedgerRefusedException e) {
            return health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
