package org.exchangehub.adapters.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.exchangehub.adapters.hub.Delivery;
import org.exchangehub.adapters.hub.ListingUpdate;
import org.exchangehub.adapters.outbound.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortalListingMappingTests {

    /** Every personal value in the samples, and the seller's id, which the portal does not show either. */
    private static final List<String> PRIVATE_VALUES =
            List.of("张伟", "李娜", "990101199001011234", "99010119920315002X", "13900000001", "91320105MA1WKD0N3Q");

    private static final Set<String> PRIVATE_FIELDS =
            Set.of("buyers", "seller", "owners", "taxpayer", "idNumber", "phone", "price", "creditCode");

    private final PortalListingMapping mapping = new PortalListingMapping();

    private static final Map<String, ObjectNode> SAMPLES = Map.of(
            "PROJECT", SampleRecords.project(),
            "BUILDING", SampleRecords.building(),
            "UNIT", SampleRecords.unit(),
            "CONTRACT", SampleRecords.contract(),
            "FILING", SampleRecords.filing(),
            "TAX_CLEARANCE", SampleRecords.taxClearance(),
            "REGISTRATION", SampleRecords.registration());

    @Test
    void aProjectViewHasItsFields() {
        assertThat(mapping.view("PROJECT", SampleRecords.project())).contains(SampleRecords.project());
    }

    @Test
    void aBuildingViewHasItsFields() {
        assertThat(mapping.view("BUILDING", SampleRecords.building())).contains(SampleRecords.building());
    }

    @Test
    void aUnitViewHasItsFieldsWithTheListedPrice() {
        Optional<ObjectNode> view = mapping.view("UNIT", SampleRecords.unit());

        assertThat(view).contains(SampleRecords.unit());
        assertThat(view.get().path("listedPrice").decimalValue()).isEqualByComparingTo("3456789.12");
    }

    @Test
    void aContractViewHasOnlyItsPublicStatus() {
        ObjectNode view = mapping.view("CONTRACT", SampleRecords.contract()).orElseThrow();

        assertThat(fieldNames(view)).containsExactlyInAnyOrder("contractNo", "houseCode", "status", "signedDate");
        assertThat(view.path("status").asText()).isEqualTo("SIGNED");
    }

    @Test
    void aCancelledContractViewSaysCancelledAndWhen() {
        ObjectNode view =
                mapping.view("CONTRACT", SampleRecords.cancelledContract()).orElseThrow();

        assertThat(view.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(view.path("cancelledDate").asText()).isEqualTo("2026-04-05");
    }

    @Test
    void aFilingViewHasItsStatusFields() {
        ObjectNode view = mapping.view("FILING", SampleRecords.filing()).orElseThrow();

        assertThat(fieldNames(view))
                .containsExactlyInAnyOrder("filingNo", "contractNo", "houseCode", "status", "filedDate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TAX_CLEARANCE", "REGISTRATION", "SOMETHING_NEW"})
    void otherTypesHaveNoPublicView(String type) {
        assertThat(mapping.view(type, SAMPLES.getOrDefault(type, SampleRecords.registration())))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PROJECT", "BUILDING", "UNIT", "CONTRACT", "FILING", "TAX_CLEARANCE", "REGISTRATION"})
    void noPersonalFieldSurvivesEvenWhenSlippedIntoAPayload(String type) {
        ObjectNode payload = SAMPLES.get(type).deepCopy();
        // what a careless source might add: the view must still not show it
        payload.set("buyers", SampleRecords.contract().get("buyers"));
        payload.put("idNumber", "990101199001011234");
        payload.put("phone", "13900000001");
        payload.set("seller", SampleRecords.contract().get("seller"));
        payload.set("status", SampleRecords.contract().get("buyers"));

        Optional<ObjectNode> view = mapping.view(type, payload);

        view.ifPresent(shown -> walk(shown, "", (path, node) -> {
            assertThat(PRIVATE_FIELDS).as("field at %s", path).doesNotContain(lastName(path));
            if (node.isValueNode()) {
                assertThat(PRIVATE_VALUES)
                        .as("value at %s", path)
                        .noneMatch(value -> node.asText().contains(value));
            }
        }));
    }

    @Test
    void theListingUpdateCarriesVersionAndReceiptId() {
        Delivery delivery =
                SampleRecords.delivery("D-1", "portal", "CONTRACT", "contractNo", 3, SampleRecords.contract());

        ListingUpdate update = mapping.update(delivery).orElseThrow();

        assertThat(update.type()).isEqualTo("CONTRACT");
        assertThat(update.id()).isEqualTo("HT-2026-000123");
        assertThat(update.version()).isEqualTo(3);
        assertThat(update.receiptId()).isEqualTo("R-CONTRACT-HT-2026-000123-3");
        assertThat(update.view().has("buyers")).isFalse();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String lastName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private interface Visitor {
        void visit(String path, JsonNode node);
    }

    private static void walk(JsonNode node, String path, Visitor visitor) {
        visitor.visit(path, node);
        if (node.isObject()) {
            node.properties().forEach(field -> walk(field.getValue(), path + "/" + field.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, visitor);
            }
        }
    }
}
