package org.exchangehub.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.exchangehub.adapters.portal.PortalListingMapping;
import org.exchangehub.hub.record.StoredRecord;

/**
 * What of a record anyone may see, by the portal's own list of public fields ({@link PortalListingMapping}): the public
 * pages show only these views, and offer a record file for download only when the whole record is public (a project,
 * a building, a unit, a filing), never a contract with its buyers or a tax voucher.
 */
final class PublicRecords {

    private static final PortalListingMapping PORTAL = new PortalListingMapping();

    private PublicRecords() {}

    /** The public view of a payload of {@code type}; empty for a type the public never sees. */
    static Optional<ObjectNode> view(String type, JsonNode payload) {
        return PORTAL.view(type, payload);
    }

    /** Whether every field of the record is public, so the record itself may be handed to anyone. */
    static boolean whollyPublic(StoredRecord record) {
        JsonNode payload = record.payloadNode();
        return view(record.type().name(), payload)
                .map(view -> view.equals(payload))
                .orElse(false);
    }
}
