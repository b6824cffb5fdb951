package org.exchangehub.adapters.inbound;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.camel.spi.IdempotentRepository;
import org.exchangehub.adapters.hub.HubEndpoints;

/**
 * Settings of an agency's file drop routes.
 *
 * @param agency the publishing agency, sent as {@link org.exchangehub.adapters.hub.HubHeaders#AGENCY}
 * @param inbox the folder the agency drops its export files into
 * @param done where a processed file goes
 * @param error where an unreadable file goes, and the reason files ({@code <file>.reason.txt}, {@code
 *     <file>.rejected.txt})
 * @param pollDelay the pause between two looks at the inbox, also the retry delay of a file the hub could not finish
 * @param minFileAge how long a file must stay unchanged before it is read, so a half-written file is left alone
 * @param idempotentRepository remembers the records completed (key: {@code <file name>#<sha-256 of file>#<n>})
 * @param claims the hub instance's claims: one instance at a time reads a format's files; every instance must see the
 *     same inbox (a shared folder), as the claim is the route's, not the folder's
 * @param publishUri the hub's publish endpoint, {@link HubEndpoints#PUBLISH} when null
 */
public record FileDropSettings(
        String agency,
        Path inbox,
        Path done,
        Path error,
        Duration pollDelay,
        Duration minFileAge,
        IdempotentRepository idempotentRepository,
        InboundClaims claims,
        String publishUri) {

    public FileDropSettings {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(idempotentRepository, "idempotentRepository");
        Objects.requireNonNull(claims, "claims");
        inbox = inbox.toAbsolutePath().normalize();
        done = done.toAbsolutePath().normalize();
        error = error.toAbsolutePath().normalize();
        if (pollDelay == null || pollDelay.isNegative() || pollDelay.isZero()) {
            throw new IllegalArgumentException("pollDelay must be positive: " + pollDelay);
        }
        if (minFileAge == null || minFileAge.isNegative()) {
            throw new IllegalArgumentException("minFileAge must be 0 or more: " + minFileAge);
        }
        publishUri = publishUri == null ? HubEndpoints.PUBLISH : publishUri;
    }
}
