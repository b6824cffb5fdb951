package org.exchangehub.hub.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts records: checks the publisher's right, the size and the schema, canonicalizes and hashes the record, applies
 * the business rules, and appends the version with its notarization outbox row in one database transaction.
 * Publishing the same version with the same content again returns the stored version (idempotent); so does publishing
 * without a version the same content as the latest version.
 */
@Component
public class RecordPublisher {

    private final RecordStore store;
    private final RecordSchemas schemas;
    private final RecordProperties properties;
    private final DigestAlgorithm algorithm;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public RecordPublisher(
            RecordStore store,
            RecordSchemas schemas,
            RecordProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.store = store;
        this.schemas = schemas;
        this.properties = properties;
        this.algorithm = DigestAlgorithm.byName(properties.hashAlgorithm());
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The outcome: the stored version, and whether this call created it (false: it was there already). */
    public record Published(StoredRecord record, boolean created) {}

    /**
     * Publishes one record for {@code agency}.
     *
     * @throws ApiException naming the problem; nothing is stored then
     */
    public Published publish(String agency, PublishRequest request) {
        Checked checked = check(agency, request);
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> append(checked));
            } catch (DuplicateKeyException e) {
                // A concurrent publish took this version or unit first; look again, which decides it.
                if (attempt == 3) {
                    throw new ApiException(
                            ApiProblem.VERSION_CONFLICT,
                            checked.type + "/" + checked.id + " is being changed concurrently; try again");
                }
            }
        }
    }

    /**
     * Publishes several records, each on its own: one refused does not stop the others. The accepted ones are appended
     * in one database transaction, in order (so a later record sees an earlier one), which saves a commit per record;
     * a refusal is decided before its record writes anything. Should a concurrent publisher take one of their versions
     * or units first, the transaction is undone and each record is published on its own instead.
     */
    public List<Object> publishAll(String agency, List<PublishRequest> requests) {
        List<Object> outcomes = new ArrayList<>(requests.size());
        for (PublishRequest request : requests) {
            try {
                outcomes.add(check(agency, request));
            } catch (ApiException e) {
                outcomes.add(e);
            }
        }
        try {
            return transactions.execute(status -> {
                List<Object> published = new ArrayList<>(outcomes.size());
                for (Object outcome : outcomes) {
                    if (outcome instanceof Checked checked) {
                        try {
                            published.add(append(checked));
                        } catch (ApiException e) {
                            published.add(e);
                        }
                    } else {
                        published.add(outcome);
                    }
                }
                return published;
            });
        } catch (DuplicateKeyException e) {
            return requests.stream()
                    .map(request -> {
                        try {
                            return (Object) publish(agency, request);
                        } catch (ApiException refused) {
                            return refused;
                        }
                    })
                    .toList();
        }
    }

    /** A request that passed the checks that need no database, with its canonical payload. */
    private record Checked(
            RecordType type, String id, Integer version, String source, JsonNode payload, byte[] canonicalPayload) {}

    private Checked check(String agency, PublishRequest request) {
        if (request == null || request.type() == null || request.payload() == null) {
            throw new ApiException(ApiProblem.BAD_REQUEST, "a record needs type, id and payload");
        }
        RecordType type = RecordType.byName(request.type())
                .orElseThrow(() -> new ApiException(
                        ApiProblem.TYPE_UNKNOWN,
                        "record type '" + request.type() + "' is unknown; known types: " + RecordType.names()));
        if (!properties.mayPublish(agency, type)) {
            throw new ApiException(
                    ApiProblem.PUBLISH_NOT_ALLOWED, "agency '" + agency + "' may not publish " + type + " records");
        }
        if (request.version() != null && request.version() < 1) {
            throw new ApiException(ApiProblem.BAD_REQUEST, "version must be 1 or more, got " + request.version());
        }
        byte[] canonicalPayload = RecordEnvelope.canonical(request.payload());
        int size = canonicalPayload.length;
        if (size > properties.maxPayloadBytes()) {
            throw new ApiException(
                    ApiProblem.PAYLOAD_TOO_LARGE,
                    "the canonical payload has " + size + " bytes; at most " + properties.maxPayloadBytes()
                            + " are accepted");
        }
        List<String> violations = schemas.violations(type, request.payload());
        if (!violations.isEmpty()) {
            throw new ApiException(
                    ApiProblem.PAYLOAD_INVALID,
                    type + " payload is invalid: " + String.join("; ", violations),
                    Map.of("violations", violations));
        }
        String key = request.payload().path(type.keyField()).asText();
        String id = request.id() == null ? key : request.id();
        if (!id.equals(key)) {
            throw new ApiException(
                    ApiProblem.ID_MISMATCH,
                    "record id '" + id + "' differs from the payload's " + type.keyField() + " '" + key + "'");
        }
        return new Checked(type, id, request.version(), agency, request.payload(), canonicalPayload);
    }

    private Published append(Checked c) {
        Optional<StoredRecord> latest = store.latest(c.type, c.id);
        int latestVersion = latest.map(StoredRecord::version).orElse(0);
        if (c.version == null && latest.isPresent() && sameContent(latest.get(), c)) {
            // Without a version, "the same content again" is a repeat, not a change: an adapter re-sending a row or a
            // file after a crash gets the version it created the first time.
            return new Published(latest.get(), false);
        }
        int version = c.version == null ? latestVersion + 1 : c.version;
        ObjectNode envelope = RecordEnvelope.of(c.type, c.id, version, c.source, c.payload);
        byte[] canonical = RecordEnvelope.canonical(envelope);
        String digest = java.util.HexFormat.of().formatHex(algorithm.digest(canonical));
        if (version <= latestVersion) {
            StoredRecord existing = store.version(c.type, c.id, version).orElseThrow();
            if (existing.digest().equals(digest)) {
                return new Published(existing, false);
            }
            throw new ApiException(
                    ApiProblem.VERSION_CONFLICT,
                    c.type + "/" + c.id + " version " + version + " exists with digest " + existing.digest()
                            + "; this content has digest " + digest,
                    Map.of("existingReceiptId", existing.receiptId()));
        }
        if (version > latestVersion + 1) {
            throw new ApiException(
                    ApiProblem.VERSION_GAP,
                    c.type + "/" + c.id + " is at version " + latestVersion + "; the next version is "
                            + (latestVersion + 1) + ", not " + version);
        }
        if (latest.isPresent() && latest.get().revoked()) {
            throw new ApiException(
                    ApiProblem.RECORD_REVOKED,
                    c.type + "/" + c.id + " was revoked in version " + latestVersion + " and takes no new versions");
        }
        BusinessRules.Effect effect = BusinessRules.check(store, c.type, c.id, c.payload);
        String payload = new String(c.canonicalPayload, StandardCharsets.UTF_8);
        // Microseconds, as the database keeps them, so the record returned is the record stored (no re-read).
        Instant acceptedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        StoredRecord record = new StoredRecord(
                0,
                digest.substring(0, 32),
                c.type,
                c.id,
                version,
                c.source,
                payload,
                digest,
                algorithm.standardName(),
                effect.revokes(),
                acceptedAt);
        long seq = store.append(record);
        effect.apply(store, seq);
        return new Published(
                new StoredRecord(
                        seq,
                        record.receiptId(),
                        record.type(),
                        record.id(),
                        record.version(),
                        record.source(),
                        record.payload(),
                        record.digest(),
                        record.hashAlgorithm(),
                        record.revoked(),
                        record.acceptedAt()),
                true);
    }

    private static boolean sameContent(StoredRecord stored, Checked c) {
        return stored.source().equals(c.source)
                && stored.payload().equals(new String(c.canonicalPayload, StandardCharsets.UTF_8));
    }
}
