package org.exchangehub.adapters.housing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.inbound.ExchangeTableSettings;
import org.exchangehub.adapters.inbound.FileDropSettings;
import org.exchangehub.adapters.inbound.InboundClaims;

/**
 * Settings of {@link HousingInboundRoutes}: the housing bureau's exchange tables and its file drop.
 *
 * @param frontEndDatabase the housing bureau's front-end database (前置库) holding the EXCH_ tables
 * @param tablePollDelay the pause between two polls of each exchange table
 * @param maxRowsPerPoll the most rows one poll of a table takes
 * @param inbox the folder the bureau drops its nightly exports into
 * @param done where processed export files go
 * @param error where unreadable export files and the reason files go
 * @param filePollDelay the pause between two looks at the inbox, also the retry delay of an unfinished file
 * @param minFileAge how long an export file must stay unchanged before it is read
 * @param idempotentRepository remembers completed rows and file records (the hub passes a JDBC one)
 * @param claims which hub instance reads each table and each export format now (in the hub's database)
 * @param publishUri the hub's publish endpoint
 */
public record HousingSettings(
        DataSource frontEndDatabase,
        Duration tablePollDelay,
        int maxRowsPerPoll,
        Path inbox,
        Path done,
        Path error,
        Duration filePollDelay,
        Duration minFileAge,
        IdempotentRepository idempotentRepository,
        InboundClaims claims,
        String publishUri) {

    /** The agency name the housing routes publish as. */
    public static final String AGENCY = "housing";

    public HousingSettings {
        Objects.requireNonNull(frontEndDatabase, "frontEndDatabase");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(idempotentRepository, "idempotentRepository");
        Objects.requireNonNull(claims, "claims");
    }

    /**
     * The defaults: tables polled every 5 s, at most 100 rows a poll; {@code done/} and {@code error/} inside the
     * inbox; the inbox looked at every 10 s; a file read once unchanged for 10 s; {@code direct:publish}.
     */
    public static HousingSettings of(
            DataSource frontEndDatabase, Path inbox, IdempotentRepository idempotentRepository, InboundClaims claims) {
        return new HousingSettings(
                frontEndDatabase,
                Duration.ofSeconds(5),
                100,
                inbox,
                inbox.resolve("done"),
                inbox.resolve("error"),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                idempotentRepository,
                claims,
                HubEndpoints.PUBLISH);
    }

    ExchangeTableSettings tables() {
        return new ExchangeTableSettings(
                AGENCY, frontEndDatabase, tablePollDelay, maxRowsPerPoll, idempotentRepository, claims, publishUri);
    }

    FileDropSettings files() {
        return new FileDropSettings(
                AGENCY, inbox, done, error, filePollDelay, minFileAge, idempotentRepository, claims, publishUri);
    }
}
