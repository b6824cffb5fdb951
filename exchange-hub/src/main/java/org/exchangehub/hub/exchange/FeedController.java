package org.exchangehub.hub.exchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.exchangehub.hub.api.AgencyResolver;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.notary.NotaryStore;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.notary.RecordLog;
import org.exchangehub.hub.policy.AccessPolicy;
import org.exchangehub.hub.policy.FieldMasking;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.StoredRecord;
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
    private final RecordLog log;
    private final Receipts receipts;
    private final AgencyResolver agencies;
    private final AccessPolicy policy;
    private final FieldMasking masking;

    FeedController(
            RecordStore records,
            RecordLog log,
            Receipts receipts,
            AgencyResolver agencies,
            AccessPolicy policy,
            FieldMasking masking) {
        this.records = records;
        this.log = log;
        this.receipts = receipts;
        this.agencies = agencies;
        this.policy = policy;
        this.masking = masking;
    }

    /** One entry of a feed page: its cursor (its log position), the record and its receipt. */
    record FeedEntry(long cursor, com.fasterxml.jackson.databind.node.ObjectNode record, Receipt receipt) {}

    /**
     * A page: the position asked after, the entries, and the cursor to ask after next (the last entry's position, or
     * the one asked after).
     */
    record FeedPage(String type, long after, List<FeedEntry> items, long next) {}

    @Operation(
            summary = "Sealed record versions of a type after a log position, in log order, each with its receipt",
            description = "The cursor is a position in the record log: give `next` as `after` to read on. Versions"
                    + " appear once sealed into a batch (within a notarization interval), in the order of the log,"
                    + " which no later commit can change: a reader following `next` sees every version once."
                    + " `afterSeq` takes, once, a cursor kept from before the record log (a version's sequence"
                    + " number): the page starts at the position before the first logged version with a greater one"
                    + " (versions up to the old cursor logged after it come again: at least once), and its `next` is a"
                    + " position to follow with `after`.")
    @GetMapping("/api/v1/feed/{type}")
    FeedPage feed(
            @PathVariable String type,
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(required = false) Long afterSeq,
            @RequestParam(defaultValue = "100") int limit,
            HttpServletRequest http) {
        RecordType recordType = RecordController.type(type);
        String agency = agencies.agency(http);
        policy.require(agency, org.exchangehub.hub.policy.Operation.FEED, recordType);
        boolean masked = policy.masked(agency);
        if (limit < 1 || limit > MAX_LIMIT || after < 0 || (afterSeq != null && afterSeq < 0)) {
            throw new ApiException(
                    ApiProblem.BAD_REQUEST,
                    "after and afterSeq must be >= 0 and limit within 1.." + MAX_LIMIT + ", got after=" + after
                            + (afterSeq == null ? "" : " afterSeq=" + afterSeq) + " limit=" + limit);
        }
        long from = afterSeq == null ? after : log.positionBeforeSeq(afterSeq);
        List<NotaryStore.LogEntry> entries = log.after(recordType, from, limit);
        List<StoredRecord> versions =
                records.bySeqs(entries.stream().map(NotaryStore.LogEntry::seq).toList());
        if (versions.size() != entries.size()) {
            throw new IllegalStateException("the record log names versions that are not stored");
        }
        List<Receipt> receipted = receipts.ofAll(versions);
        List<FeedEntry> items = new java.util.ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            StoredRecord r = versions.get(i);
            items.add(new FeedEntry(
                    entries.get(i).position(), masked ? masking.mask(r.envelope()) : r.envelope(), receipted.get(i)));
        }
        long next = items.isEmpty() ? from : items.get(items.size() - 1).cursor();
        return new FeedPage(recordType.name(), from, items, next);
    }

    @Operation(summary = "A receipt by id")
    @GetMapping("/api/v1/receipts/{receiptId}")
    Receipt receipt(@PathVariable String receiptId, HttpServletRequest http) {
        agencies.agency(http); // a receipt holds digests and proofs only, but the caller must be an agency
        return receipts.byId(receiptId)
                .orElseThrow(() -> new ApiException(ApiProblem.RECEIPT_NOT_FOUND, "no receipt " + receiptId));
    }
}
