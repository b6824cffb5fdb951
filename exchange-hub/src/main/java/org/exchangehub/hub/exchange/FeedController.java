package org.exchangehub.hub.exchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.exchangehub.hub.api.AgencyResolver;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.policy.AccessPolicy;
import org.exchangehub.hub.policy.FieldMasking;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A change feed per record type, for receivers that pull, and receipts by id. */
@Tag(name = "feed")
@RestController
class FeedController {

    static final int MAX_LIMIT = 1000;

    private final RecordStore records;
    private final Receipts receipts;
    private final AgencyResolver agencies;
    private final AccessPolicy policy;
    private final FieldMasking masking;

    FeedController(
            RecordStore records,
            Receipts receipts,
            AgencyResolver agencies,
            AccessPolicy policy,
            FieldMasking masking) {
        this.records = records;
        this.receipts = receipts;
        this.agencies = agencies;
        this.policy = policy;
        this.masking = masking;
    }

    /** One entry of a feed page: its cursor, the record and its receipt. */
    record FeedEntry(long cursor, com.fasterxml.jackson.databind.node.ObjectNode record, Receipt receipt) {}

    /** A page: the entries and the cursor to ask after next (the last entry's, or the one asked after). */
    record FeedPage(String type, long after, List<FeedEntry> items, long next) {}

    @Operation(summary = "Record versions of a type after a cursor, oldest first, each with its receipt")
    @GetMapping("/api/v1/feed/{type}")
    FeedPage feed(
            @PathVariable String type,
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit,
            HttpServletRequest http) {
        RecordType recordType = RecordController.type(type);
        String agency = agencies.agency(http);
        policy.require(agency, org.exchangehub.hub.policy.Operation.FEED, recordType);
        boolean masked = policy.masked(agency);
        if (limit < 1 || limit > MAX_LIMIT || after < 0) {
            throw new ApiException(
                    ApiProblem.BAD_REQUEST,
                    "after must be >= 0 and limit within 1.." + MAX_LIMIT + ", got after=" + after + " limit=" + limit);
        }
        List<FeedEntry> items = records.feed(recordType, after, limit).stream()
                .map(r -> new FeedEntry(r.seq(), masked ? masking.mask(r.envelope()) : r.envelope(), receipts.of(r)))
                .toList();
        long next = items.isEmpty() ? after : items.get(items.size() - 1).cursor();
        return new FeedPage(recordType.name(), after, items, next);
    }

    @Operation(summary = "A receipt by id")
    @GetMapping("/api/v1/receipts/{receiptId}")
    Receipt receipt(@PathVariable String receiptId, HttpServletRequest http) {
        agencies.agency(http); // a receipt holds digests and proofs only, but the caller must be an agency
        return receipts.byId(receiptId)
                .orElseThrow(() -> new ApiException(ApiProblem.RECEIPT_NOT_FOUND, "no receipt " + receiptId));
    }
}
