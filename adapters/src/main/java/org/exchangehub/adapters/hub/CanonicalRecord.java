package org.exchangehub.adapters.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A record in the hub's canonical model, as an inbound route hands it to {@link HubEndpoints#PUBLISH}.
 *
 * @param type the record type's name, e.g. {@code CONTRACT}
 * @param id the record's id (the payload's key field, e.g. {@code contractNo})
 * @param version the version, or null to let the hub decide: the next version, or none at all when the content equals
 *     the latest version's (so a re-sent record is not a new version)
 * @param payload the content, as the type's JSON schema in the hub describes it
 */
public record CanonicalRecord(String type, String id, Integer version, JsonNode payload) {

    public CanonicalRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
    }
}
