package org.exchangehub.hub.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sale status the public sees for a unit, from the unit's own status and its contracts and filings. */
class PublicListingTests {

    static final ObjectMapper JSON = new ObjectMapper();

    static ListingStore.Entry unit(String saleStatus) {
        ObjectNode view = JSON.createObjectNode().put("houseCode", "FW-1").put("saleStatus", saleStatus);
        return new ListingStore.Entry("UNIT", "FW-1", 1, "r-unit", view);
    }

    static ListingStore.Entry contract(String contractNo, String status) {
        ObjectNode view = JSON.createObjectNode()
                .put("contractNo", contractNo)
                .put("houseCode", "FW-1")
                .put("status", status);
        return new ListingStore.Entry("CONTRACT", contractNo, 1, "r-" + contractNo, view);
    }

    static ListingStore.Entry filing(String contractNo) {
        ObjectNode view = JSON.createObjectNode()
                .put("filingNo", "BA-1")
                .put("contractNo", contractNo)
                .put("status", "FILED");
        return new ListingStore.Entry("FILING", "BA-1", 1, "r-BA-1", view);
    }

    @Test
    void aUnitWithoutContractsShowsItsOwnStatus() {
        assertThat(PublicListing.shown(unit("AVAILABLE"), List.of(), Map.of()).saleStatus())
                .isEqualTo("AVAILABLE");
        assertThat(PublicListing.shown(unit("RESERVED"), List.of(), Map.of()).saleStatus())
                .isEqualTo("RESERVED");
    }

    @Test
    void anActiveContractShowsTheUnitSignedEvenBeforeTheBureauUpdatesTheUnit() {
        PublicListing.Unit shown =
                PublicListing.shown(unit("AVAILABLE"), List.of(contract("HT-1", "SIGNED")), Map.of());

        assertThat(shown.saleStatus()).isEqualTo("SIGNED");
        assertThat(shown.contractNo()).isEqualTo("HT-1");
    }

    @Test
    void aFiledContractShowsTheUnitFiled() {
        PublicListing.Unit shown = PublicListing.shown(
                unit("SIGNED"), List.of(contract("HT-1", "CHANGED")), Map.of("HT-1", filing("HT-1")));

        assertThat(shown.saleStatus()).isEqualTo("FILED");
        assertThat(shown.filingNo()).isEqualTo("BA-1");
    }

    @Test
    void aCancelledContractPutsTheUnitBackOnSale() {
        PublicListing.Unit shown =
                PublicListing.shown(unit("SIGNED"), List.of(contract("HT-1", "CANCELLED")), Map.of());

        assertThat(shown.saleStatus()).isEqualTo("AVAILABLE");
        assertThat(shown.contractNo()).isNull();
    }

    @Test
    void aNewContractAfterACancelledOneCounts() {
        PublicListing.Unit shown = PublicListing.shown(
                unit("AVAILABLE"), List.of(contract("HT-1", "CANCELLED"), contract("HT-2", "SIGNED")), Map.of());

        assertThat(shown.saleStatus()).isEqualTo("SIGNED");
        assertThat(shown.contractNo()).isEqualTo("HT-2");
    }

    @Test
    void registeredAndNotForSaleUnitsKeepTheirStatus() {
        assertThat(PublicListing.shown(unit("REGISTERED"), List.of(contract("HT-1", "SIGNED")), Map.of())
                        .saleStatus())
                .isEqualTo("REGISTERED");
        assertThat(PublicListing.shown(unit("NOT_FOR_SALE"), List.of(contract("HT-1", "CANCELLED")), Map.of())
                        .saleStatus())
                .isEqualTo("NOT_FOR_SALE");
    }
}
