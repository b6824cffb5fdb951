package org.exchangehub.hub.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.exchangehub.certs.canonical.CanonicalizationException;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.storage.GroupCommit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts records: checks the publisher's right, the size and the schema, canonicalizes and hashes the record, applies
 * the business rules, and appends the version in one database transaction with what follows from it ({@link RecordsAppended}).
 * Publishing the same version with the same content again returns the stored version (idempotent); so does publishing
 * without a version the same content as the latest version.
 */
@Component
public class RecordPublisher {

    private final RecordStore store;
    private final RecordSchemas schemas;
    private final RecordProperties properties;
    private final PublishGate gate;
    private final DigestAlgorithm algorithm;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final GroupCommit<List<Object>, List<Object>> commits;

    public RecordPublisher(
            RecordStore store,
            RecordSchemas schemas,
            RecordProperties properties,
            PublishGate gate,
            PlatformTransactionManager transactionManager,
            Clock clock,
            ApplicationEventPublisher events) {
        this.store = store;
        this.schemas = schemas;
        this.properties = properties;
        this.gate = gate;
        this.algorithm = DigestAlgorithm.byName(properties.hashAlgorithm());
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.events = events;
        this.commits = new GroupCommit<>(this::commitGroup, properties.groupCommit());
    }

    /** The outcome: the stored version, and whether this call created it (false: it was there already). */
    public record Published(StoredRecord record, boolean created) {}

    /**
     * Publishes one record for {@code agency}.
     *
     * @throws ApiException naming the problem; nothing is stored then
     */
    public Published publish(String agency, PublishRequest request) {
        Object outcome = commit(List.of(check(agency, request))).get(0);
        if (outcome instanceof ApiException refused) {
            throw refused;
        }
        return (Published) outcome;
    }

    /**
     * Publishes several records, each on its own: one refused does not stop the others. The accepted ones are appended
     * in one database transaction, in order (so a later record sees an earlier one), which saves a commit per record;
     * a refusal is decided before its record writes anything. Should a concurrent publisher take one of their versions
     * or units first, the transaction is undone and each record is published on its own instead.
     */
    public List<Object> publishAll(String agency, List<PublishRequest> requests) {
        List<Object> checked = new ArrayList<>(requests.size());
        for (PublishRequest request : requests) {
            try {
                checked.add(check(agency, request));
            } catch (ApiException e) {
                checked.add(e);
            }
        }
        return commit(checked);
    }

    private List<Object> commit(List<Object> call) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // the caller's own transaction decides when this commits: it cannot carry other callers' records
            return commitGroup(List.of(call)).get(0);
        }
        return commits.submit(call);
    }

    /**
     * Commits the calls of a group (each a list of checked requests or refusals) in one transaction, in the order they
     * came (concurrent calls are independent, so any order is one they could have had alone) and returns each call's
     * outcomes. Should a concurrent publisher take one of their versions or units first, the transaction is undone
     * and each call is committed on its own, then each record.
     */
    private List<List<Object>> commitGroup(List<List<Object>> calls) {
        List<Object> all = new ArrayList<>();
        calls.forEach(all::addAll);
        try {
            List<Object> outcomes = transactions.execute(status -> appendAll(all));
            List<List<Object>> byCall = new ArrayList<>(calls.size());
            int from = 0;
            for (List<Object> call : calls) {
                byCall.add(outcomes.subList(from, from + call.size()));
                from += call.size();
            }
            return byCall;
        } catch (DataAccessException e) {
            if (calls.size() > 1) {
                // whichever call lost a race or was refused by the database fails alone: each is committed on its own
                return calls.stream()
                        .map(call -> commitGroup(List.of(call)).get(0))
                        .toList();
            }
            if (e instanceof DuplicateKeyException) {
                return List.of(calls.get(0).stream().map(this::commitAlone).toList());
            }
            throw e;
        }
    }

    /** Commits one checked request in a transaction of its own, looking again when a concurrent publisher wins. */
    private Object commitAlone(Object checkedOrRefused) {
        if (!(checkedOrRefused instanceof Checked checked)) {
            return checkedOrRefused;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(
                        status -> appendAll(List.of(checked)).get(0));
            } catch (DuplicateKeyException e) {
                // A concurrent publish took this version or unit first; look again, which decides it.
                if (attempt == 3) {
                    return new ApiException(
                            ApiProblem.VERSION_CONFLICT,
                            checked.type + "/" + checked.id + " is being changed concurrently; try again");
                }
            }
        }
    }

    /**
     * Decides each checked request in order against the stored versions and the ones accepted before it in this call,
     * then writes the accepted ones: their versions by JDBC batches (and {@link RecordsAppended}), then the net change to the
     * one-active-contract-per-unit index. Items that are not {@link Checked} (refusals) pass through; so does a refusal
     * decided here, which writes nothing. Runs inside the caller's transaction.
     */
    private List<Object> appendAll(List<Object> checkedOrRefused) {
        Appending batch = new Appending(checkedOrRefused);
        List<Object> decided = new ArrayList<>(checkedOrRefused.size());
        for (Object item : checkedOrRefused) {
            if (item instanceof Checked checked) {
                try {
                    decided.add(batch.decide(checked));
                } catch (ApiException e) {
                    decided.add(e);
                }
            } else {
                decided.add(item);
            }
        }
        long[] seqs = batch.write();
        List<Object> outcomes = new ArrayList<>(decided.size());
        for (Object item : decided) {
            outcomes.add(item instanceof Decided d ? new Published(d.version.resolve(seqs), d.created) : item);
        }
        return outcomes;
    }

    /** A request that passed the checks that need no database, with its canonical payload. */
    record Checked(
            RecordType type,
            String id,
            Integer version,
            String source,
            JsonNode payload,
            byte[] canonicalPayload,
            SourceSignature signature) {}

    /** The checks that need no database (package-private for the publish path's fuzz test). */
    Checked check(String agency, PublishRequest request) {
        if (request == null || request.type() == null || request.payload() == null) {
            throw new ApiException(ApiProblem.BAD_REQUEST, "a record needs type, id and payload");
        }
        RecordType type = RecordType.byName(request.type())
                .orElseThrow(() -> new ApiException(
                        ApiProblem.TYPE_UNKNOWN,
                        "record type '" + request.type() + "' is unknown; known types: " + RecordType.names()));
        if (request.version() != null && request.version() < 1) {
            throw new ApiException(ApiProblem.BAD_REQUEST, "version must be 1 or more, got " + request.version());
        }
        byte[] canonicalPayload = canonicalPayload(request.payload());
        if (request.id() != null) {
            canonicalString("/id", request.id());
        }
        SourceSignature signature = gate.admit(
                agency,
                type,
                request,
                request.version() == null || request.id() == null
                        ? null
                        : RecordEnvelope.canonical(type, request.id(), request.version(), agency, canonicalPayload));
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
        return new Checked(type, id, request.version(), agency, request.payload(), canonicalPayload, signature);
    }

    /**
     * The payload's RFC 8785 bytes, refused when it has none or when they would change a value (a number its double
     * form rounds): whatever way the payload came in (the API's reader checks this already; adapters' trees are checked
     * here), the hub notarizes only what it was sent.
     */
    private static byte[] canonicalPayload(JsonNode payload) {
        try {
            return RecordEnvelope.canonicalExact(payload);
        } catch (CanonicalizationException e) {
            throw notCanonicalizable("/payload" + (e.pointer() == null ? "" : e.pointer()), e);
        }
    }

    private static void canonicalString(String pointer, String value) {
        try {
            JsonCanonicalizer.canonicalize(TextNode.valueOf(value));
        } catch (CanonicalizationException e) {
            throw notCanonicalizable(pointer, e);
        }
    }

    private static ApiException notCanonicalizable(String pointer, CanonicalizationException e) {
        return new ApiException(
                e.reason() == CanonicalizationException.Reason.LIMIT_EXCEEDED
                        ? ApiProblem.JSON_LIMIT_EXCEEDED
                        : ApiProblem.JSON_NOT_CANONICALIZABLE,
                e.getMessage().replace("at JSON pointer '" + e.pointer() + "'", "at JSON pointer '" + pointer + "'"),
                Map.of("pointer", pointer, "reason", e.reason().name()));
    }

    /** A version as this call sees it: stored (its sequence number known) or accepted in this call (written later). */
    private static final class Version {
        final StoredRecord record;
        /** Its place among the versions this call appends; -1 when it was stored before. */
        final int created;

        Version(StoredRecord record, int created) {
            this.record = record;
            this.created = created;
        }

        StoredRecord resolve(long[] seqs) {
            if (created < 0) {
                return record;
            }
            StoredRecord r = record;
            return new StoredRecord(
                    seqs[created],
                    r.receiptId(),
                    r.type(),
                    r.id(),
                    r.version(),
                    r.source(),
                    r.payload(),
                    r.digest(),
                    r.hashAlgorithm(),
                    r.revoked(),
                    r.acceptedAt());
        }
    }

    /** An accepted request's outcome before the versions are written. */
    private record Decided(Version version, boolean created) {}

    private record Key(RecordType type, String id) {}

    private record VersionKey(RecordType type, String id, int version) {}

    /**
     * One call's appends: reads the latest versions and the active contracts of every unit the requests name with one
     * query each (per type), keeps what the accepted requests change in memory so each later request sees it, and
     * writes it all at the end.
     */
    private final class Appending implements BusinessRules.ContractIndex {
        private final Map<Key, Version> latest = new HashMap<>();
        private final Map<VersionKey, Version> createdVersions = new HashMap<>();
        private final List<StoredRecord> created = new ArrayList<>();
        private final Map<String, SourceSignature> signatures = new LinkedHashMap<>();
        /** House code to its active contract (null: none), for every unit looked at in this call. */
        private final Map<String, String> activeByUnit = new HashMap<>();
        /** Contract to its unit, for the active contracts in {@link #activeByUnit}. */
        private final Map<String, String> unitByContract = new HashMap<>();
        /** The version that made a contract active, for the contracts activated in this call. */
        private final Map<String, Version> activatedBy = new HashMap<>();
        /** Contracts whose index row this call changes. */
        private final Set<String> touched = new LinkedHashSet<>();

        Appending(List<Object> items) {
            Map<RecordType, Set<String>> ids = new EnumMap<>(RecordType.class);
            Set<String> units = new LinkedHashSet<>();
            for (Object item : items) {
                if (item instanceof Checked c) {
                    ids.computeIfAbsent(c.type, t -> new LinkedHashSet<>()).add(c.id);
                    if (c.type == RecordType.CONTRACT) {
                        units.add(BusinessRules.houseCode(c.payload));
                    }
                }
            }
            ids.forEach((type, typeIds) -> store.latest(type, typeIds)
                    .forEach((id, record) -> latest.put(new Key(type, id), new Version(record, -1))));
            if (!units.isEmpty()) {
                Map<String, String> active = store.activeContracts(units);
                for (String unit : units) {
                    String contract = active.get(unit);
                    activeByUnit.put(unit, contract);
                    if (contract != null) {
                        unitByContract.put(contract, unit);
                    }
                }
            }
        }

        @Override
        public Optional<String> activeContract(String houseCode) {
            if (!activeByUnit.containsKey(houseCode)) {
                // every unit a contract of this call names was read up front; this is only a safety net
                String contract = store.activeContract(houseCode).orElse(null);
                activeByUnit.put(houseCode, contract);
                if (contract != null) {
                    unitByContract.putIfAbsent(contract, houseCode);
                }
            }
            return Optional.ofNullable(activeByUnit.get(houseCode));
        }

        Decided decide(Checked c) {
            Key key = new Key(c.type, c.id);
            Version latest = this.latest.get(key);
            int latestVersion = latest == null ? 0 : latest.record.version();
            if (c.version == null && latest != null && sameContent(latest.record, c)) {
                // Without a version, "the same content again" is a repeat, not a change: an adapter re-sending a row
                // or a file after a crash gets the version it created the first time.
                return new Decided(latest, false);
            }
            int version = c.version == null ? latestVersion + 1 : c.version;
            byte[] canonical = RecordEnvelope.canonical(c.type, c.id, version, c.source, c.canonicalPayload);
            String digest = HexFormat.of().formatHex(algorithm.digest(canonical));
            if (version <= latestVersion) {
                Version existing = existing(c, version);
                if (existing.record.digest().equals(digest)) {
                    return new Decided(existing, false);
                }
                throw new ApiException(
                        ApiProblem.VERSION_CONFLICT,
                        c.type + "/" + c.id + " version " + version + " exists with digest " + existing.record.digest()
                                + "; this content has digest " + digest,
                        Map.of("existingReceiptId", existing.record.receiptId()));
            }
            if (version > latestVersion + 1) {
                throw new ApiException(
                        ApiProblem.VERSION_GAP,
                        c.type + "/" + c.id + " is at version " + latestVersion + "; the next version is "
                                + (latestVersion + 1) + ", not " + version);
            }
            if (latest != null && latest.record.revoked()) {
                throw new ApiException(
                        ApiProblem.RECORD_REVOKED,
                        c.type + "/" + c.id + " was revoked in version " + latestVersion
                                + " and takes no new versions");
            }
            BusinessRules.Effect effect = BusinessRules.check(this, c.type, c.id, c.payload);
            // Microseconds, as the database keeps them, so the record returned is the record stored (no re-read).
            Instant acceptedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            StoredRecord record = new StoredRecord(
                    0,
                    digest.substring(0, 32),
                    c.type,
                    c.id,
                    version,
                    c.source,
                    new String(c.canonicalPayload, StandardCharsets.UTF_8),
                    digest,
                    algorithm.standardName(),
                    effect.revokes(),
                    acceptedAt);
            Version accepted = new Version(record, created.size());
            created.add(record);
            if (c.signature != null) {
                signatures.put(record.receiptId(), c.signature);
            }
            this.latest.put(key, accepted);
            createdVersions.put(new VersionKey(c.type, c.id, version), accepted);
            apply(effect, accepted);
            return new Decided(accepted, true);
        }

        private Version existing(Checked c, int version) {
            Version mine = createdVersions.get(new VersionKey(c.type, c.id, version));
            return mine != null
                    ? mine
                    : new Version(store.version(c.type, c.id, version).orElseThrow(), -1);
        }

        private void apply(BusinessRules.Effect effect, Version version) {
            if (effect.contractNo() == null) {
                return;
            }
            String contract = effect.contractNo();
            touched.add(contract);
            String previousUnit = unitByContract.remove(contract);
            if (previousUnit != null && contract.equals(activeByUnit.get(previousUnit))) {
                activeByUnit.put(previousUnit, null);
            }
            activatedBy.remove(contract);
            if (effect.activates()) {
                activeByUnit.put(effect.houseCode(), contract);
                unitByContract.put(contract, effect.houseCode());
                activatedBy.put(contract, version);
            }
        }

        /**
         * Writes the accepted versions, says so ({@link RecordsAppended}: the notary queues them), then the index
         * change; returns their sequence numbers.
         */
        long[] write() {
            long[] seqs = store.appendAll(created);
            if (seqs.length > 0) {
                List<RecordsAppended.Version> appended = new ArrayList<>(seqs.length);
                for (int i = 0; i < seqs.length; i++) {
                    StoredRecord r = created.get(i);
                    appended.add(new RecordsAppended.Version(seqs[i], r.type(), r.digest(), r.hashAlgorithm()));
                }
                events.publishEvent(new RecordsAppended(appended));
            }
            store.saveSourceSignatures(signatures);
            if (!touched.isEmpty()) {
                List<RecordStore.ActiveContract> active = new ArrayList<>();
                for (String contract : touched) {
                    Version by = activatedBy.get(contract);
                    if (by != null) {
                        active.add(new RecordStore.ActiveContract(
                                unitByContract.get(contract), contract, seqs[by.created]));
                    }
                }
                store.replaceActiveContracts(touched, active);
            }
            return seqs;
        }
    }

    private static boolean sameContent(StoredRecord stored, Checked c) {
        return stored.source().equals(c.source)
                && stored.payload().equals(new String(c.canonicalPayload, StandardCharsets.UTF_8));
    }
}
