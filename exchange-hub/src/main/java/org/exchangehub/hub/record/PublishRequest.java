package org.exchangehub.hub.record;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record an agency publishes.
 *
 * @param type the record type's name, e.g. {@code CONTRACT}
 * @param id the record's id; must equal the payload's key field (e.g. {@code contractNo})
 * @param version the version to publish, or null for the next one (none when the content equals the latest version's)
 * @param payload the record's content, as the type's schema describes it
 * @param signature the agency's own signature over the canonical record {@code {type, id, version, source, payload}}: a
 *     detached JWS with unencoded payload (docs/security.md); optional unless the policy requires it, and then
 *     {@code version} must be given (the signature covers it)
 */
public record PublishRequest(String type, String id, Integer version, JsonNode payload, String signature) {

    /** An unsigned request. */
    public PublishRequest(String type, String id, Integer version, JsonNode payload) {
        this(type, id, version, payload, null);
    }
}
