package org.exchangehub.hub.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.exchange.Payloads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RecordPublisher} over a real database: a batch decides each record as publishing them one by one would, in
 * order, each seeing the ones before it, and writes every accepted version with its outbox row. Subclasses run it on H2
 * and on PostgreSQL.
 */
abstract class RecordPublisherTests {

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    DataSource dataSource;
    JdbcClient jdbc;
    RecordStore store;
    RecordPublisher publisher;
    TransactionTemplate transactions;
    String suffix;
    /** What the publisher said it appended (the notary queues these for sealing). */
    List<Object> appended = new java.util.concurrent.CopyOnWriteArrayList<>();

    abstract DataSource database();

    @BeforeEach
    void setUp() {
        if (dataSource == null) {
            dataSource = database();
        }
        JdbcTemplate template = new JdbcTemplate(dataSource);
        jdbc = JdbcClient.create(template);
        store = new RecordStore(jdbc, template);
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        transactions = new TransactionTemplate(transactionManager);
        publisher = new RecordPublisher(
                store,
                new RecordSchemas(),
                new RecordProperties("SHA-256", 65536, 32),
                RecordPublisherTests::sourcesOnly,
                transactionManager,
                Clock.systemUTC(),
                appended::add);
        suffix = getClass().getSimpleName().substring(0, 2) + "-" + System.nanoTime() + "-" + UNIQUE.incrementAndGet();
    }

    /** The gate the policy's defaults amount to for publishing: each type from its source agency only. */
    static SourceSignature sourcesOnly(String agency, RecordType type, PublishRequest request, byte[] canonicalRecord) {
        if (!type.sourceAgency().equals(agency)) {
            throw new ApiException(ApiProblem.PUBLISH_NOT_ALLOWED, agency + " may not publish " + type);
        }
        return null;
    }

    /** A mix of every outcome, where later records depend on earlier ones. */
    private List<PublishRequest> scenario(String s) {
        String unit = "FW-" + s;
        String otherUnit = "FW-" + s + "-b";
        String contract = "HT-" + s;
        String second = "HT-" + s + "-2";
        String moving = "HT-" + s + "-m";
        List<PublishRequest> requests = new ArrayList<>();
        requests.add(new PublishRequest("UNIT", unit, null, Payloads.unit(unit, "AVAILABLE", 1_000_000)));
        requests.add(new PublishRequest("CONTRACT", contract, null, Payloads.contract(contract, unit, "SIGNED")));
        // the unit has an active contract now (one accepted just before, in the same batch)
        requests.add(new PublishRequest("CONTRACT", second, null, Payloads.contract(second, unit, "SIGNED")));
        // the same content again without a version: the first version, not created
        requests.add(new PublishRequest("UNIT", unit, null, Payloads.unit(unit, "AVAILABLE", 1_000_000)));
        // the same version with the same content: the same receipt
        requests.add(new PublishRequest("UNIT", unit, 1, Payloads.unit(unit, "AVAILABLE", 1_000_000)));
        requests.add(new PublishRequest("UNIT", unit, 1, Payloads.unit(unit, "RESERVED", 1_000_000)));
        requests.add(new PublishRequest("UNIT", unit, 3, Payloads.unit(unit, "RESERVED", 1_000_000)));
        requests.add(new PublishRequest("NOT_A_TYPE", unit, null, Payloads.unit(unit, "RESERVED", 1_000_000)));
        requests.add(new PublishRequest("UNIT", unit, null, Payloads.unit(unit, "RESERVED", 1_000_000)));
        requests.add(new PublishRequest("UNIT", unit, 2, Payloads.unit(unit, "RESERVED", 1_000_000)));
        // cancelling frees the unit; the cancelled contract takes no new versions
        requests.add(new PublishRequest("CONTRACT", contract, null, Payloads.contract(contract, unit, "CANCELLED")));
        requests.add(new PublishRequest("CONTRACT", second, null, Payloads.contract(second, unit, "SIGNED")));
        requests.add(new PublishRequest("CONTRACT", contract, null, Payloads.contract(contract, unit, "SIGNED")));
        // a contract that moves to another unit frees the first one
        requests.add(new PublishRequest("CONTRACT", moving, null, Payloads.contract(moving, otherUnit, "SIGNED")));
        requests.add(new PublishRequest("CONTRACT", moving, null, Payloads.contract(moving, unit + "-c", "SIGNED")));
        requests.add(new PublishRequest(
                "CONTRACT", second + "x", null, Payloads.contract(second + "x", otherUnit, "SIGNED")));
        requests.add(new PublishRequest(
                "CONTRACT", second + "y", null, Payloads.contract(second + "y", unit + "-c", "SIGNED")));
        // a payload the schema refuses
        JsonNode invalid = Payloads.unit(unit + "-i", "AVAILABLE", 1).put("floor", "twelve");
        requests.add(new PublishRequest("UNIT", unit + "-i", null, invalid));
        return requests;
    }

    private List<String> expected() {
        return List.of(
                "created v1",
                "created v1",
                "refused " + ApiProblem.UNIT_HAS_ACTIVE_CONTRACT,
                "repeat v1 of #0",
                "repeat v1 of #0",
                "refused " + ApiProblem.VERSION_CONFLICT,
                "refused " + ApiProblem.VERSION_GAP,
                "refused " + ApiProblem.TYPE_UNKNOWN,
                "created v2",
                "repeat v2 of #8",
                "created v2 revoked",
                "created v1",
                "refused " + ApiProblem.RECORD_REVOKED,
                "created v1",
                "created v2",
                "created v1",
                "refused " + ApiProblem.UNIT_HAS_ACTIVE_CONTRACT,
                "refused " + ApiProblem.PAYLOAD_INVALID);
    }

    private static List<String> described(List<Object> outcomes) {
        List<String> described = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof ApiException refused) {
                described.add("refused " + refused.problem());
                continue;
            }
            RecordPublisher.Published p = (RecordPublisher.Published) outcome;
            String of = "";
            if (!p.created()) {
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i) instanceof RecordPublisher.Published q
                            && q.created()
                            && q.record().equals(p.record())) {
                        of = " of #" + i;
                        break;
                    }
                }
            }
            described.add((p.created() ? "created" : "repeat") + " v"
                    + p.record().version() + (p.record().revoked() ? " revoked" : "") + of);
        }
        return described;
    }

    @Test
    void aBatchDecidesEachRecordInOrderSeeingTheOnesBefore() {
        List<Object> outcomes = publisher.publishAll("housing", scenario(suffix));

        assertThat(described(outcomes)).containsExactlyElementsOf(expected());
        for (Object outcome : outcomes) {
            if (outcome instanceof RecordPublisher.Published p) {
                StoredRecord stored = store.bySeq(p.record().seq())
                        .orElseThrow(() -> new AssertionError("no row for " + p.record() + " max seq "
                                + jdbc.sql("SELECT MAX(seq) FROM record_version")
                                        .query(Long.class)
                                        .single()));
                assertThat(stored).isEqualTo(p.record());
                assertThat(stored.digest()).isEqualTo(expectedDigest(stored));
                assertThat(appended.stream()
                                .flatMap(e -> ((RecordsAppended) e).versions().stream())
                                .filter(v -> v.seq() == stored.seq()))
                        .as("the version is announced once for notarization, with its digest")
                        .containsExactly(new RecordsAppended.Version(
                                stored.seq(), stored.type(), stored.digest(), stored.hashAlgorithm()));
            }
        }
        assertThat(activeContracts(suffix)).containsExactlyInAnyOrderElementsOf(activeContractsAfterScenario(outcomes));
    }

    @Test
    void aBatchDecidesAsPublishingEachOnItsOwnWould() {
        String single = suffix + "-s";
        List<Object> oneByOne = new ArrayList<>();
        for (PublishRequest request : scenario(single)) {
            try {
                oneByOne.add(publisher.publish("housing", request));
            } catch (ApiException refused) {
                oneByOne.add(refused);
            }
        }
        List<Object> batched = publisher.publishAll("housing", scenario(suffix + "-b"));

        assertThat(described(oneByOne)).containsExactlyElementsOf(expected());
        assertThat(described(batched)).isEqualTo(described(oneByOne));
        assertThat(activeContracts(single)).hasSize(3).hasSameSizeAs(activeContracts(suffix + "-b"));
    }

    @Test
    void aRepublishedBatchCreatesNothing() {
        List<PublishRequest> requests = List.of(
                new PublishRequest("UNIT", "FW-" + suffix, null, Payloads.unit("FW-" + suffix, "AVAILABLE", 5)),
                new PublishRequest(
                        "CONTRACT", "HT-" + suffix, null, Payloads.contract("HT-" + suffix, "FW-" + suffix, "SIGNED")));
        List<Object> first = publisher.publishAll("housing", requests);
        List<Object> again = publisher.publishAll("housing", requests);

        for (int i = 0; i < requests.size(); i++) {
            assertThat(((RecordPublisher.Published) first.get(i)).created()).isTrue();
            assertThat(((RecordPublisher.Published) again.get(i)).created()).isFalse();
            assertThat(((RecordPublisher.Published) again.get(i)).record())
                    .isEqualTo(((RecordPublisher.Published) first.get(i)).record());
        }
    }

    @Test
    void concurrentCallersSharingCommitsEachGetTheirOwnRecordAndEveryRecordIsStoredOnce() throws Exception {
        int threads = 8;
        int perThread = 40;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(callers.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String unit = "FW-" + suffix + "-g" + thread + "-" + i;
                        // every third call publishes the same unit as its neighbour thread: one creates, one repeats
                        String shared = "FW-" + suffix + "-s" + (thread / 2) + "-" + i;
                        RecordPublisher.Published mine = publisher.publish(
                                "housing",
                                new PublishRequest("UNIT", unit, null, Payloads.unit(unit, "AVAILABLE", 1_000 + i)));
                        if (!mine.created()
                                || !mine.record().id().equals(unit)
                                || mine.record().version() != 1) {
                            wrong.add(unit + " -> " + mine.record().id() + " v"
                                    + mine.record().version());
                        }
                        if (i % 3 == 0) {
                            RecordPublisher.Published both = publisher.publish(
                                    "housing",
                                    new PublishRequest("UNIT", shared, null, Payloads.unit(shared, "AVAILABLE", 7)));
                            if (!both.record().id().equals(shared)
                                    || both.record().version() != 1) {
                                wrong.add(shared + " -> " + both.record().id() + " v"
                                        + both.record().version());
                            }
                        }
                    }
                    return wrong;
                }));
            }
            for (java.util.concurrent.Future<List<String>> result : results) {
                assertThat(result.get(120, java.util.concurrent.TimeUnit.SECONDS))
                        .isEmpty();
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM record_version WHERE record_id LIKE ?")
                        .param("FW-" + suffix + "-g%")
                        .query(Long.class)
                        .single())
                .isEqualTo(threads * perThread);
        // the shared units: one version each, whoever won
        assertThat(jdbc.sql("SELECT COUNT(*), MAX(version) FROM record_version WHERE record_id LIKE ?")
                        .param("FW-" + suffix + "-s%")
                        .query((rs, n) -> rs.getLong(1) + " v" + rs.getInt(2))
                        .single())
                .isEqualTo(((threads / 2) * ((perThread + 2) / 3)) + " v1");
    }

    @Test
    void aVersionTakenMeanwhileFailsTheBatchAsADuplicateKey() {
        RecordPublisher.Published taken = publisher.publish(
                "housing",
                new PublishRequest("UNIT", "FW-" + suffix, null, Payloads.unit("FW-" + suffix, "AVAILABLE", 5)));
        StoredRecord same = taken.record();
        StoredRecord fresh = new StoredRecord(
                0,
                "r-" + suffix,
                RecordType.UNIT,
                "FW-" + suffix + "-new",
                1,
                "housing",
                same.payload(),
                "d-" + suffix,
                same.hashAlgorithm(),
                false,
                Instant.now());
        StoredRecord clash = new StoredRecord(
                0,
                "r2-" + suffix,
                same.type(),
                same.id(),
                same.version(),
                same.source(),
                same.payload(),
                same.digest(),
                same.hashAlgorithm(),
                false,
                Instant.now());

        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> store.appendAll(List.of(fresh, clash))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store.latest(RecordType.UNIT, "FW-" + suffix + "-new")).isEmpty();
    }

    private static String expectedDigest(StoredRecord record) {
        return HexFormat.of()
                .formatHex(DigestAlgorithm.byName(record.hashAlgorithm())
                        .digest(JsonCanonicalizer.canonicalize(record.envelope())));
    }

    private List<String> activeContracts(String like) {
        return jdbc.sql("SELECT house_code || '=' || contract_no || '@' || CAST(since_seq AS VARCHAR(20))"
                        + " FROM unit_active_contract WHERE contract_no LIKE ? ORDER BY house_code")
                .param("%" + like + "%")
                .query(String.class)
                .list();
    }

    /** Each unit with the contract that holds it after {@link #scenario}, and the version that made it hold it. */
    private List<String> activeContractsAfterScenario(List<Object> outcomes) {
        List<String> rows = new ArrayList<>();
        for (int i : new int[] {14, 15, 11}) {
            StoredRecord r = ((RecordPublisher.Published) outcomes.get(i)).record();
            String unit = r.payloadNode().path("houseCode").asText();
            rows.add(unit + "=" + r.id() + "@" + r.seq());
        }
        rows.sort(null);
        return rows;
    }
}
