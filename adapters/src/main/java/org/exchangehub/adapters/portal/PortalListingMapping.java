package org.exchangehub.adapters.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.ListingUpdate;

/**
 * Makes the public view of a record for the portal (楼盘公示, 合同及备案查询): a list of fields allowed per type, so a
 * field added to a record later stays private until it is named here. Buyers, sellers' ids, owners, taxpayers,
 * prices of contracts, names, id numbers and phones never appear.
 */
public final class PortalListingMapping {

    private static final Map<String, List<String>> PUBLIC_FIELDS = Map.of(
            "PROJECT",
            List.of(
                    "projectId",
                    "name",
                    "developer",
                    "district",
                    "address",
                    "presalePermit",
                    "totalBuildings",
                    "approvedAt"),
            "BUILDING",
            List.of("buildingId", "projectId", "name", "floors", "unitCount"),
            "UNIT",
            List.of(
                    "houseCode",
                    "buildingId",
                    "projectId",
                    "floor",
                    "room",
                    "buildingArea",
                    "innerArea",
                    "use",
                    "saleStatus",
                    "listedPrice"),
            "CONTRACT",
            List.of("contractNo", "houseCode", "status", "signedDate", "cancelledDate"),
            "FILING",
            List.of("filingNo", "contractNo", "houseCode", "status", "filedDate"));

    /** The public view of a {@code type} payload; empty for a type the portal does not show. */
    public Optional<ObjectNode> view(String type, JsonNode payload) {
        List<String> fields = PUBLIC_FIELDS.get(type);
        if (fields == null) {
            return Optional.empty();
        }
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        for (String field : fields) {
            JsonNode value = payload.get(field);
            // only plain values: an object or array under an allowed name could carry anything
            if (value != null && value.isValueNode() && !value.isNull()) {
                view.set(field, value);
            }
        }
        return Optional.of(view);
    }

    /** The listing update for a delivery, with the receipt id for a verify link; empty when the portal shows nothing. */
    public Optional<ListingUpdate> update(Delivery delivery) {
        return view(delivery.type(), delivery.payload())
                .map(view -> new ListingUpdate(
                        delivery.type(),
                        delivery.id(),
                        delivery.version(),
                        delivery.receipt().path("receiptId").asText(null),
                        view));
    }
}
