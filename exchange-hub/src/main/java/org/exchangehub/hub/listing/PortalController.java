package org.exchangehub.hub.listing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.StoredRecord;
import org.exchangehub.hub.verify.RecordVerifier;
import org.exchangehub.hub.verify.Verification;
import org.exchangehub.hub.verify.VerifyRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The five interfaces the provincial government portal calls (省政务服务平台): 楼盘公示 project disclosure and search,
 * 房屋销控 units and sale status per building, 网签合同查询 contract status, 备案查询 filing status, 查询鉴真 verify. They
 * answer from the public listing only, so nothing personal can leave through them.
 */
@Tag(name = "portal")
@RestController
class PortalController {

    private final PublicListing listing;
    private final RecordStore records;
    private final Receipts receipts;
    private final RecordVerifier verifier;

    PortalController(PublicListing listing, RecordStore records, Receipts receipts, RecordVerifier verifier) {
        this.listing = listing;
        this.records = records;
        this.receipts = receipts;
        this.verifier = verifier;
    }

    /** A page of projects. */
    record Projects(List<ListingStore.Entry> items) {}

    @Operation(summary = "楼盘公示: projects by district, name or developer (words contained; all when none given)")
    @GetMapping("/api/v1/portal/projects")
    Projects projects(
            @RequestParam(required = false) String district,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String developer) {
        return new Projects(listing.projects(district, name, developer));
    }

    @Operation(summary = "楼盘公示: one project with its buildings")
    @GetMapping("/api/v1/portal/projects/{projectId}")
    PublicListing.Project project(@PathVariable String projectId) {
        return listing.project(projectId).orElseThrow(() -> notFound("project " + projectId));
    }

    @Operation(summary = "房屋销控: a building's units by floor with the sale status the public sees")
    @GetMapping("/api/v1/portal/buildings/{buildingId}")
    PublicListing.Building building(@PathVariable String buildingId) {
        return listing.building(buildingId).orElseThrow(() -> notFound("building " + buildingId));
    }

    @Operation(summary = "网签合同查询: a contract's public status (no parties, no price)")
    @GetMapping("/api/v1/portal/contracts/{contractNo}")
    ListingStore.Entry contract(@PathVariable String contractNo) {
        return listing.contract(contractNo).orElseThrow(() -> notFound("contract " + contractNo));
    }

    @Operation(summary = "备案查询: a filing's status")
    @GetMapping("/api/v1/portal/filings/{filingNo}")
    ListingStore.Entry filing(@PathVariable String filingNo) {
        return listing.filing(filingNo).orElseThrow(() -> notFound("filing " + filingNo));
    }

    @Operation(summary = "备案查询: the filings of a contract")
    @GetMapping("/api/v1/portal/filings")
    List<ListingStore.Entry> filings(@RequestParam String contractNo) {
        return listing.filingsOfContract(contractNo);
    }

    @Operation(summary = "查询鉴真: verify the record version a receipt names against the ledger (the verdict only)")
    @GetMapping("/api/v1/portal/verify/{receiptId}")
    Verification verifyReceipt(@PathVariable String receiptId) {
        StoredRecord record = records.byReceipt(receiptId)
                .orElseThrow(() -> new ApiException(ApiProblem.RECEIPT_NOT_FOUND, "no receipt " + receiptId));
        return verifier.verify(record.envelope(), receipts.of(record), null);
    }

    @Operation(summary = "查询鉴真: verify a record and receipt (or a digest) as a citizen holds them")
    @PostMapping("/api/v1/portal/verify")
    Verification verify(@RequestBody VerifyRequest request) {
        return verifier.verify(request.record(), request.receipt(), request.digest());
    }

    private static ApiException notFound(String what) {
        return new ApiException(ApiProblem.RECORD_NOT_FOUND, "the public listing has no " + what);
    }
}
