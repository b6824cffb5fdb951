package org.exchangehub.hub.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exchangehub.hub.api.AgencyResolver;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.policy.AccessPolicy;
import org.exchangehub.hub.policy.FieldMasking;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.StoredRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publish records and fetch them with their receipts. */
@Tag(name = "records")
@RestController
@RequestMapping("/api/v1/records")
class RecordController {

    static final int MAX_BATCH = 1000;

    private final RecordPublisher publisher;
    private final RecordStore records;
    private final Receipts receipts;
    private final AgencyResolver agencies;
    private final AccessPolicy policy;
    private final FieldMasking masking;

    RecordController(
            RecordPublisher publisher,
            RecordStore records,
            Receipts receipts,
            AgencyResolver agencies,
            AccessPolicy policy,
            FieldMasking masking) {
        this.publisher = publisher;
        this.records = records;
        this.receipts = receipts;
        this.agencies = agencies;
        this.policy = policy;
        this.masking = masking;
    }

    /** What a publisher gets back: the receipt id to follow, and the record's key and digest. */
    record Accepted(
            String receiptId,
            Receipt.Status status,
            String type,
            String id,
            int version,
            String digest,
            String hashAlgorithm) {

        static Accepted of(StoredRecord record, Receipt.Status status) {
            return new Accepted(
                    record.receiptId(),
                    status,
                    record.type().name(),
                    record.id(),
                    record.version(),
                    record.digest(),
                    record.hashAlgorithm());
        }
    }

    /** A record with its receipt, as receivers get it. */
    record RecordWithReceipt(ObjectNode record, Receipt receipt) {}

    @Operation(summary = "Publish one record: 202 when accepted, 200 when the same version was already accepted")
    @PostMapping
    ResponseEntity<Accepted> publish(@RequestBody PublishRequest request, HttpServletRequest http) {
        RecordPublisher.Published published = publisher.publish(agencies.agency(http), request);
        return ResponseEntity.status(published.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(Accepted.of(
                        published.record(), receipts.of(published.record()).status()));
    }

    @Operation(summary = "Publish up to 1000 records; each gets its own result, in order")
    @PostMapping("/batch")
    ResponseEntity<List<Map<String, Object>>> publishBatch(
            @RequestBody List<PublishRequest> requests, HttpServletRequest http) {
        if (requests.size() > MAX_BATCH) {
            throw new ApiException(
                    ApiProblem.BAD_REQUEST, "a batch holds at most " + MAX_BATCH + " records, got " + requests.size());
        }
        String agency = agencies.agency(http);
        List<Map<String, Object>> results = new ArrayList<>();
        List<Object> outcomes = publisher.publishAll(agency, requests);
        for (int i = 0; i < outcomes.size(); i++) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", i);
            if (outcomes.get(i) instanceof RecordPublisher.Published published) {
                result.put("status", published.created() ? 202 : 200);
                result.put("accepted", Accepted.of(published.record(), Receipt.Status.PENDING));
            } else {
                ApiException refused = (ApiException) outcomes.get(i);
                result.put("status", refused.problem().status().value());
                result.put("code", refused.problem().name());
                result.put("detail", refused.getMessage());
            }
            results.add(result);
        }
        return ResponseEntity.ok(results);
    }

    @Operation(
            summary = "The latest version of a record, with its receipt (personal fields masked for readers the policy"
                    + " marks masked)")
    @GetMapping("/{type}/{id}")
    RecordWithReceipt latest(@PathVariable String type, @PathVariable String id, HttpServletRequest http) {
        RecordType recordType = type(type);
        String agency = readerOf(recordType, http);
        return withReceipt(agency, records.latest(recordType, id).orElseThrow(() -> notFound(recordType + "/" + id)));
    }

    @Operation(summary = "One version of a record, with its receipt")
    @GetMapping("/{type}/{id}/versions/{version}")
    RecordWithReceipt version(
            @PathVariable String type, @PathVariable String id, @PathVariable int version, HttpServletRequest http) {
        RecordType recordType = type(type);
        String agency = readerOf(recordType, http);
        return withReceipt(
                agency,
                records.version(recordType, id, version)
                        .orElseThrow(() -> notFound(recordType + "/" + id + " version " + version)));
    }

    private String readerOf(RecordType type, HttpServletRequest http) {
        String agency = agencies.agency(http);
        policy.require(agency, org.exchangehub.hub.policy.Operation.READ, type);
        return agency;
    }

    private RecordWithReceipt withReceipt(String reader, StoredRecord record) {
        ObjectNode envelope = policy.masked(reader) ? masking.mask(record.envelope()) : record.envelope();
        return new RecordWithReceipt(envelope, receipts.of(record));
    }

    static RecordType type(String name) {
        return RecordType.byName(name)
                .orElseThrow(() -> new ApiException(
                        ApiProblem.TYPE_UNKNOWN,
                        "record type '" + name + "' is unknown; known types: " + RecordType.names()));
    }

    private static ApiException notFound(String what) {
        return new ApiException(ApiProblem.RECORD_NOT_FOUND, "no record " + what);
    }
}
