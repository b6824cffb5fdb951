package org.exchangehub.adapters.hub;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the hub hands a receiver's outbound route on {@code direct:deliver-<receiver>}: an anchored record with its
 * receipt.
 *
 * @param deliveryId the same on every attempt of this delivery (also in header {@link HubHeaders#DELIVERY_ID})
 * @param receiver the receiving agency
 * @param record the record envelope as the hub serves it: {@code type}, {@code id}, {@code version}, {@code source},
 *     {@code payload}
 * @param receipt the record's receipt as the hub serves it (digest, signature, Merkle proof, ledger coordinates)
 */
public record Delivery(String deliveryId, String receiver, JsonNode record, JsonNode receipt) {

    public String type() {
        return record.path("type").asText();
    }

    public String id() {
        return record.path("id").asText();
    }

    public int version() {
        return record.path("version").asInt();
    }

    public JsonNode payload() {
        return record.path("payload");
    }
}
