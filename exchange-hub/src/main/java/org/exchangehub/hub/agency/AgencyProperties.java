package org.exchangehub.hub.agency;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the hub reaches each agency's own system: {@code hub.agencies.*}. An agency whose settings are absent has no
 * routes; deliveries to it wait (see {@code hub.delivery.subscriptions}).
 *
 * @param housing the housing bureau: its front-end database (exchange tables, inbox) and its export drop folder
 * @param tax the tax bureau's HTTP endpoint, pushed CONTRACT and FILING
 * @param registry the registry center's HTTP endpoint, pushed FILING, CONTRACT and TAX_CLEARANCE
 * @param portal whether the public listing is kept for the provincial portal's interfaces
 */
@Validated
@ConfigurationProperties("hub.agencies")
public record AgencyProperties(
        @DefaultValue Housing housing,
        @DefaultValue Http tax,
        @DefaultValue Http registry,
        @DefaultValue Portal portal) {

    /**
     * The housing bureau.
     *
     * @param frontEndUrl JDBC URL of its front-end database (前置库); unset: no exchange-table route, no deliveries
     *     to housing
     * @param frontEndUsername its user
     * @param frontEndPassword its password
     * @param createSchema create the exchange tables if missing (the demo); off where the bureau's DBA owns them
     * @param pollDelay pause between polls of each exchange table
     * @param maxRowsPerPoll the most rows one poll takes
     * @param dropFolder where the bureau drops its nightly exports ({@code inbox/}, {@code done/}, {@code error/}
     *     under it); {@code ${hub.data-dir}/housing-drop} when unset
     * @param minFileAge how long a dropped file must stay unchanged before it is read
     * @param claimLease how long one hub instance's claim of a table or an export format lasts unrenewed: the delay
     *     before another instance takes over the reading of an instance that died (ADR 12)
     */
    public record Housing(
            String frontEndUrl,
            @DefaultValue("housing") String frontEndUsername,
            @DefaultValue("") String frontEndPassword,
            @DefaultValue("false") boolean createSchema,
            @DefaultValue("1s") Duration pollDelay,
            @DefaultValue("500") int maxRowsPerPoll,
            Path dropFolder,
            @DefaultValue("2s") Duration minFileAge,
            @DefaultValue("30s") Duration claimLease) {

        public boolean connected() {
            return frontEndUrl != null && !frontEndUrl.isBlank();
        }
    }

    /**
     * An agency reached over HTTP.
     *
     * @param url its base URL; unset: no route
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for its answer (keep it below {@code hub.delivery.lease})
     */
    public record Http(
            URI url,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout) {

        public boolean connected() {
            return url != null;
        }
    }

    /** @param enabled keep the public listing from what is delivered to the portal */
    public record Portal(@DefaultValue("true") boolean enabled) {}
}
