package org.exchangehub.adapters.inbound;

import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.exchangehub.adapters.hub.HubEndpoints;

/**
 * Settings of an agency's exchange table routes.
 *
 * @param agency the publishing agency, sent as {@link org.exchangehub.adapters.hub.HubHeaders#AGENCY}
 * @param dataSource the agency's front-end database
 * @param pollDelay the pause between two polls of a table
 * @param maxRowsPerPoll the most rows one poll takes
 * @param idempotentRepository remembers the rows completed (key: {@code <table>#<XH>})
 * @param claims the hub instance's claims: one instance at a time polls a table
 * @param publishUri the hub's publish endpoint; null means {@link HubEndpoints#PUBLISH}
 */
public record ExchangeTableSettings(
        String agency,
        DataSource dataSource,
        Duration pollDelay,
        int maxRowsPerPoll,
        IdempotentRepository idempotentRepository,
        InboundClaims claims,
        String publishUri) {

    public ExchangeTableSettings {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(idempotentRepository, "idempotentRepository");
        Objects.requireNonNull(claims, "claims");
        if (pollDelay == null || pollDelay.isNegative() || pollDelay.isZero()) {
            throw new IllegalArgumentException("pollDelay must be positive: " + pollDelay);
        }
        if (maxRowsPerPoll < 1) {
            throw new IllegalArgumentException("maxRowsPerPoll must be at least 1: " + maxRowsPerPoll);
        }
        publishUri = publishUri == null ? HubEndpoints.PUBLISH : publishUri;
    }
}
