package org.exchangehub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.hub.exchange.HubClient;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerMode;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.exchangehub.hub.ledger.NotaryBatch;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log end to end: API calls and refusals over HTTP and adapter publishes each leave their entry, the chain
 * checks intact, every kind of tampering with the rows is found at the first bad seq, and anchors verify against the
 * ledger. The subclasses run it on H2 and on PostgreSQL. Anchoring is driven by the test; chaining runs on its
 * schedule, and a test that asserts seqs or hashes chains what is pending first ({@link AuditChainer#chainAll()}
 * returns once every entry committed before the call is chained, by this call or by the scheduled round it waited
 * for).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.dev.agency-header=true",
            "hub.notary.enabled=false",
            "hub.audit.enabled=false",
            "hub.audit.anchor-every-entries=5"
        })
abstract class AuditLogTests {

    static final AtomicInteger UNIQUE = new AtomicInteger();

    @Autowired
    TestRestTemplate rest;

    @Autowired
    AuditLog audit;

    @Autowired
    AuditAnchoring anchoring;

    @Autowired
    AuditChainer chainer;

    @Autowired
    DataSource dataSource;

    @Autowired
    NotaryLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerTemplate camel;

    @Autowired
    Clock clock;

    HubClient hub;
    String houseCode;

    /** A row lock held by a connection of the test, released when closed. */
    interface HeldLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    @BeforeEach
    void client() {
        hub = new HubClient(rest);
        houseCode = "FW-A" + getClass().getSimpleName().substring(10, 12) + UNIQUE.incrementAndGet();
    }

    List<AuditEntry> entriesOf(String recordType, String recordId) {
        return audit.recent(null, recordType, recordId, 100);
    }

    JsonNode check() {
        ResponseEntity<JsonNode> response = hub.get("/api/v1/audit/check");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** Records {@code count} entries of this test's house and chains them; returns them as chained, oldest first. */
    List<AuditEntry> someEntries(int count) {
        appendSome(count);
        chainer.chainAll();
        List<AuditEntry> chained = new ArrayList<>(audit.recent(null, "UNIT", houseCode, count));
        java.util.Collections.reverse(chained);
        assertThat(chained)
                .hasSize(count)
                .allSatisfy(entry -> assertThat(entry.pending()).isFalse());
        return chained;
    }

    /** Records {@code count} entries of this test's house; returns them as recorded (pending). */
    List<AuditEntry> appendSome(int count) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(audit.append(new AuditEvent(
                    ActorKind.AGENCY,
                    "tax",
                    AuditOperation.READ_RECORD,
                    "GET /api/v1/records/UNIT/" + houseCode,
                    "UNIT",
                    houseCode,
                    null,
                    200,
                    null)));
        }
        return entries;
    }

    @Nested
    class Recording {

        @Test
        void aPublishIsOneEntryWithTheAgencyTheRecordAndItsOutcome() {
            assertThat(hub.publish("housing", "UNIT", houseCode, null, Payloads.unit(houseCode, "AVAILABLE", 1_000))
                            .getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);
            chainer.chainAll();

            assertThat(entriesOf("UNIT", houseCode)).singleElement().satisfies(entry -> {
                assertThat(entry.pending()).isFalse();
                assertThat(entry.event())
                        .isEqualTo(new AuditEvent(
                                ActorKind.AGENCY,
                                "housing",
                                AuditOperation.PUBLISH,
                                "POST /api/v1/records",
                                "UNIT",
                                houseCode,
                                1,
                                202,
                                null));
                assertThat(entry.entryHash())
                        .isEqualTo(AuditEntry.hash(entry.previousHash(), entry.time(), entry.event()));
            });
        }

        @Test
        void anAnonymousReadIsRefusedAndIsOneEntryWithTheCallersAddress() {
            hub.publish("housing", "UNIT", houseCode, null, Payloads.unit(houseCode, "AVAILABLE", 1_000));

            assertThat(hub.get("/api/v1/records/UNIT/" + houseCode + "/versions/1", null)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(hub.get("/api/v1/records/UNIT/" + houseCode + "/versions/1", "housing")
                            .getStatusCode())
                    .isEqualTo(HttpStatus.OK);

            List<AuditEntry> reads = entriesOf("UNIT", houseCode).subList(0, 2);
            AuditEntry refused = reads.get(1);
            assertThat(refused.event().actorKind()).isEqualTo(ActorKind.ANONYMOUS);
            assertThat(refused.event().actor()).isEqualTo("127.0.0.1");
            assertThat(refused.event().operation()).isEqualTo(AuditOperation.READ_RECORD);
            assertThat(refused.event().recordVersion()).isEqualTo(1);
            assertThat(refused.event().status()).isEqualTo(401);
            assertThat(refused.event().code()).isEqualTo("AGENCY_UNKNOWN");
            AuditEntry read = reads.get(0);
            assertThat(read.event().actorKind()).isEqualTo(ActorKind.AGENCY);
            assertThat(read.event().actor()).isEqualTo("housing");
            assertThat(read.event().status()).isEqualTo(200);
        }

        @Test
        void aRefusalIsAnEntryWithItsStatusAndCodeAndChangesNothing() {
            ResponseEntity<JsonNode> refused =
                    hub.publish(null, "UNIT", houseCode, null, Payloads.unit(houseCode, "AVAILABLE", 1_000));
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

            assertThat(entriesOf("UNIT", houseCode)).singleElement().satisfies(entry -> {
                assertThat(entry.event().actorKind()).isEqualTo(ActorKind.ANONYMOUS);
                assertThat(entry.event().operation()).isEqualTo(AuditOperation.PUBLISH);
                assertThat(entry.event().status()).isEqualTo(401);
                assertThat(entry.event().code()).isEqualTo("AGENCY_UNKNOWN");
            });
            assertThat(hub.get("/api/v1/records/UNIT/" + houseCode).getStatusCode())
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(entriesOf("UNIT", houseCode).get(0).event().code()).isEqualTo("RECORD_NOT_FOUND");
        }

        @Test
        void aBatchIsOneEntryPerRecordWithItsOwnOutcome() {
            ObjectMapper json = new ObjectMapper();
            ArrayNode batch = json.createArrayNode();
            batch.addObject()
                    .put("type", "UNIT")
                    .put("id", houseCode)
                    .set("payload", Payloads.unit(houseCode, "AVAILABLE", 1_000));
            batch.addObject()
                    .put("type", "UNIT")
                    .put("id", houseCode + "-X")
                    .set("payload", Payloads.unit(houseCode, "AVAILABLE", 1_000));

            assertThat(hub.post("/api/v1/records/batch", "housing", batch).getStatusCode())
                    .isEqualTo(HttpStatus.OK);

            assertThat(entriesOf("UNIT", houseCode)).singleElement().satisfies(entry -> {
                assertThat(entry.event().status()).isEqualTo(202);
                assertThat(entry.event().request()).isEqualTo("POST /api/v1/records/batch");
            });
            assertThat(entriesOf("UNIT", houseCode + "-X")).singleElement().satisfies(entry -> {
                assertThat(entry.event().status()).isEqualTo(422);
                assertThat(entry.event().code()).isEqualTo("ID_MISMATCH");
            });
        }

        @Test
        void anAdapterPublishIsAnEntryOfItsAgency() {
            camel.requestBodyAndHeader(
                    HubEndpoints.PUBLISH,
                    new CanonicalRecord("UNIT", houseCode, null, Payloads.unit(houseCode, "AVAILABLE", 1_000)),
                    HubHeaders.AGENCY,
                    "housing");

            assertThat(entriesOf("UNIT", houseCode))
                    .singleElement()
                    .satisfies(entry -> assertThat(entry.event())
                            .isEqualTo(new AuditEvent(
                                    ActorKind.AGENCY,
                                    "housing",
                                    AuditOperation.PUBLISH,
                                    HubEndpoints.PUBLISH,
                                    "UNIT",
                                    houseCode,
                                    1,
                                    202,
                                    null)));
        }

        @Test
        void theListShowsAnAgencysEntriesNewestFirst() {
            hub.publish("housing", "UNIT", houseCode, null, Payloads.unit(houseCode, "AVAILABLE", 1_000));
            hub.publish("housing", "UNIT", houseCode, null, Payloads.unit(houseCode, "SIGNED", 1_000));
            chainer.chainAll();

            JsonNode listed = hub.get(
                            "/api/v1/audit?agency=housing&recordType=UNIT&recordId=" + houseCode + "&limit=10")
                    .getBody();

            assertThat(listed).hasSize(2);
            assertThat(listed.get(0).path("seq").asLong())
                    .isGreaterThan(listed.get(1).path("seq").asLong());
            assertThat(listed.get(0).path("event").path("recordVersion").asInt())
                    .isEqualTo(2);
        }

        @Test
        void anEntryNotChainedYetIsListedAsPendingWithoutSeqOrHash() throws Exception {
            try (HeldLock chainerStuck = holdTheChainHead()) {
                assertThat(hub.get("/api/v1/records/UNIT/" + houseCode, "housing")
                                .getStatusCode())
                        .isEqualTo(HttpStatus.NOT_FOUND);

                assertThat(entriesOf("UNIT", houseCode)).singleElement().satisfies(entry -> {
                    assertThat(entry.pending()).isTrue();
                    assertThat(entry.seq()).isNull();
                    assertThat(entry.entryHash()).isNull();
                    assertThat(entry.event().code()).isEqualTo("RECORD_NOT_FOUND");
                });
                JsonNode listed = hub.get("/api/v1/audit?recordType=UNIT&recordId=" + houseCode)
                        .getBody();
                assertThat(listed.get(0).path("pending").asBoolean())
                        .as("%s", listed)
                        .isTrue();
                assertThat(listed.get(0).path("seq").isNull()).as("%s", listed).isTrue();
                JsonNode result = check();
                assertThat(result.path("intact").asBoolean()).as("%s", result).isTrue();
                assertThat(result.path("entriesPending").asLong())
                        .as("%s", result)
                        .isPositive();
            }
            chainer.chainAll();

            assertThat(entriesOf("UNIT", houseCode)).singleElement().satisfies(entry -> {
                assertThat(entry.pending()).isFalse();
                assertThat(audit.entry(entry.seq())).contains(entry);
            });
        }

        @Test
        void callsOnManyThreadsRecordWhileTheChainHeadIsLockedAndOnePassChainsThemDensely() throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(6);
            try (HeldLock chainerStuck = holdTheChainHead()) {
                // read once the head is held: entries left pending by earlier calls may be chained until then
                long before = audit.head().seq();
                // with the head row locked by a chainer that does not finish, every call still records and answers:
                // the request path takes no lock (the old append waited here, up to the lock timeout, and failed)
                List<Future<List<AuditEntry>>> appended = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    appended.add(threads.submit(() -> appendSome(20)));
                }
                appended.add(threads.submit(() -> {
                    assertThat(hub.get("/api/v1/records/UNIT/" + houseCode, "housing")
                                    .getStatusCode())
                            .isEqualTo(HttpStatus.NOT_FOUND);
                    return List.of();
                }));
                for (Future<List<AuditEntry>> future : appended) {
                    assertThat(future.get(20, TimeUnit.SECONDS))
                            .allSatisfy(entry -> assertThat(entry.pending()).isTrue());
                }
                assertThat(audit.head().seq())
                        .as("nothing chained while the head is held")
                        .isEqualTo(before);
                assertThat(audit.recent(null, "UNIT", houseCode, 1000)).hasSize(121);
            } finally {
                threads.shutdown();
            }

            chainer.chainAll();

            List<AuditEntry> chained = audit.recent(null, "UNIT", houseCode, 1000);
            assertThat(chained).hasSize(121).noneMatch(AuditEntry::pending);
            List<Long> seqs = chained.stream().map(AuditEntry::seq).sorted().toList();
            assertThat(seqs.get(seqs.size() - 1) - seqs.get(0))
                    .as("dense: no other entries were recorded meanwhile")
                    .isEqualTo(120);
            JsonNode result = check();
            assertThat(result.path("intact").asBoolean()).as("%s", result).isTrue();
            assertThat(result.path("entriesChecked").asLong())
                    .isEqualTo(audit.head().seq());
        }

        /**
         * A chainer that took the head row's lock and does not finish: a connection holding {@code SELECT ... FOR
         * UPDATE} on it until closed (then rolled back).
         */
        HeldLock holdTheChainHead() throws SQLException {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement
                        .executeQuery("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE")
                        .close();
            }
            return () -> {
                try {
                    connection.rollback();
                } finally {
                    connection.close();
                }
            };
        }
    }

    @Nested
    class Tampering {

        @Test
        void anUntouchedChainIsIntact() {
            someEntries(3);
            JsonNode result = check();
            assertThat(result.path("intact").asBoolean()).as("%s", result).isTrue();
            assertThat(result.path("entriesChecked").asLong())
                    .isEqualTo(audit.head().seq());
            assertThat(result.has("firstBadSeq")).isFalse();
        }

        @Test
        void anUpdatedRowIsTheFirstBadEntry() {
            long seq = someEntries(3).get(1).seq();
            jdbc.sql("UPDATE audit_entry SET actor = 'registry' WHERE seq = ?")
                    .param(seq)
                    .update();
            try {
                assertBrokenAt(seq, "ALTERED");
            } finally {
                jdbc.sql("UPDATE audit_entry SET actor = 'tax' WHERE seq = ?")
                        .param(seq)
                        .update();
            }
            assertThat(check().path("intact").asBoolean()).isTrue();
        }

        @Test
        void aDeletedRowIsMissing() {
            long seq = someEntries(3).get(1).seq();
            Map<String, Object> row = jdbc.sql("SELECT * FROM audit_entry WHERE seq = ?")
                    .param(seq)
                    .query()
                    .singleRow();
            jdbc.sql("DELETE FROM audit_entry WHERE seq = ?").param(seq).update();
            try {
                assertBrokenAt(seq, "MISSING");
            } finally {
                reinsert(row);
            }
            assertThat(check().path("intact").asBoolean()).isTrue();
        }

        @Test
        void theLastRowDeletedIsMissingBehindTheHead() {
            long seq = someEntries(1).get(0).seq();
            Map<String, Object> row = jdbc.sql("SELECT * FROM audit_entry WHERE seq = ?")
                    .param(seq)
                    .query()
                    .singleRow();
            jdbc.sql("DELETE FROM audit_entry WHERE seq = ?").param(seq).update();
            try {
                assertBrokenAt(seq, "MISSING");
            } finally {
                reinsert(row);
            }
        }

        @Test
        void twoRowsSwappedAreOutOfOrder() {
            List<AuditEntry> entries = someEntries(3);
            long first = entries.get(0).seq();
            long third = entries.get(2).seq();
            swap(first, third);
            try {
                assertBrokenAt(first, "OUT_OF_ORDER");
            } finally {
                swap(first, third);
            }
            assertThat(check().path("intact").asBoolean()).isTrue();
        }

        void assertBrokenAt(long seq, String reason) {
            JsonNode result = check();
            assertThat(result.path("intact").asBoolean()).as("%s", result).isFalse();
            assertThat(result.path("firstBadSeq").asLong()).as("%s", result).isEqualTo(seq);
            assertThat(result.path("reason").asText()).as("%s", result).isEqualTo(reason);
        }

        void reinsert(Map<String, Object> row) {
            jdbc.sql("INSERT INTO audit_entry (seq, recorded_at, actor_kind, actor, operation, request, record_type,"
                            + " record_id, record_version, status, code, previous_hash, entry_hash)"
                            + " VALUES (:seq, :recorded_at, :actor_kind, :actor, :operation, :request, :record_type,"
                            + " :record_id, :record_version, :status, :code, :previous_hash, :entry_hash)")
                    .params(lowerCaseKeys(row))
                    .update();
        }

        /** Swaps everything but the seq between two rows, hashes included. */
        void swap(long a, long b) {
            Map<String, Object> rowA = lowerCaseKeys(jdbc.sql("SELECT * FROM audit_entry WHERE seq = ?")
                    .param(a)
                    .query()
                    .singleRow());
            Map<String, Object> rowB = lowerCaseKeys(jdbc.sql("SELECT * FROM audit_entry WHERE seq = ?")
                    .param(b)
                    .query()
                    .singleRow());
            overwrite(a, rowB);
            overwrite(b, rowA);
        }

        void overwrite(long seq, Map<String, Object> with) {
            Map<String, Object> params = new java.util.HashMap<>(with);
            params.put("seq", seq);
            jdbc.sql("UPDATE audit_entry SET recorded_at = :recorded_at, actor_kind = :actor_kind, actor = :actor,"
                            + " operation = :operation, request = :request, record_type = :record_type,"
                            + " record_id = :record_id, record_version = :record_version, status = :status,"
                            + " code = :code, previous_hash = :previous_hash, entry_hash = :entry_hash"
                            + " WHERE seq = :seq")
                    .params(params)
                    .update();
        }

        Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
            Map<String, Object> lower = new java.util.HashMap<>();
            row.forEach((key, value) -> lower.put(key.toLowerCase(java.util.Locale.ROOT), value));
            return lower;
        }
    }

    @Nested
    class Anchoring {

        @Test
        void theHeadIsAnchoredAfterNEntriesAndVerifiesAgainstTheLedger() {
            chainer.chainAll();
            anchoring.anchorNow();
            assertThat(anchoring.anchorIfDue()).isEmpty();
            someEntries(4);
            assertThat(anchoring.anchorIfDue()).as("4 of 5 entries").isEmpty();
            someEntries(1);

            AuditAnchoring.Anchor anchor = anchoring.anchorIfDue().orElseThrow();

            AuditLog.Head head = audit.head();
            assertThat(anchor.upToSeq()).isEqualTo(head.seq());
            assertThat(anchor.headHash()).isEqualTo(head.hash());
            NotaryBatch onLedger = ledger.batch("audit-" + head.seq()).orElseThrow();
            assertThat(onLedger.merkleRoot()).isEqualToIgnoringCase(head.hash());
            assertThat(onLedger.leafCount()).isEqualTo(head.seq());
            assertThat(onLedger.txId()).isEqualTo(anchor.ledgerTransactionId());
            JsonNode result = check();
            assertThat(result.path("intact").asBoolean()).as("%s", result).isTrue();
            assertThat(result.path("anchoredUpTo").asLong()).isEqualTo(head.seq());
        }

        @Test
        void whileTheLedgerIsDownNothingIsAnchoredAndTheHeadIsAnchoredLater() {
            LedgerGateway down = new LedgerGateway() {
                @Override
                public LedgerMode mode() {
                    return LedgerMode.EMBEDDED;
                }

                @Override
                public String channel() {
                    return "housing";
                }

                @Override
                public Submitted submit(String transaction, String... arguments) {
                    throw new LedgerUnavailableException("the ledger is down (test)", null);
                }

                @Override
                public byte[] evaluate(String transaction, String... arguments) {
                    throw new LedgerUnavailableException("the ledger is down (test)", null);
                }

                @Override
                public long height() {
                    return 0;
                }

                @Override
                public long blockNumberOf(String transactionId) {
                    return 0;
                }
            };
            AuditAnchoring withLedgerDown = new AuditAnchoring(
                    jdbc,
                    new NotaryLedger(down),
                    new AuditProperties(1, Duration.ofSeconds(60), false, Duration.ofMillis(200), 5000),
                    clock);
            long before = anchorCount();
            someEntries(2);

            assertThat(withLedgerDown.anchorIfDue()).isEmpty();
            assertThat(anchorCount()).isEqualTo(before);

            AuditLog.Head head = audit.head();
            assertThat(anchoring.anchorNow().orElseThrow().upToSeq()).isEqualTo(head.seq());
            assertThat(check().path("anchoredUpTo").asLong()).isEqualTo(head.seq());
        }

        long anchorCount() {
            return jdbc.sql("SELECT COUNT(*) FROM audit_anchor")
                    .query(Long.class)
                    .single();
        }

        @Test
        void anAlteredAnchorIsAMismatchAtItsSeq() {
            someEntries(1);
            AuditAnchoring.Anchor anchor = anchoring.anchorNow().orElseThrow();
            String other = someEntries(1).get(0).entryHash();
            jdbc.sql("UPDATE audit_anchor SET head_hash = ? WHERE up_to_seq = ?")
                    .params(other, anchor.upToSeq())
                    .update();
            try {
                JsonNode result = check();
                assertThat(result.path("intact").asBoolean()).as("%s", result).isFalse();
                assertThat(result.path("firstBadSeq").asLong()).isEqualTo(anchor.upToSeq());
                assertThat(result.path("reason").asText()).isEqualTo("ANCHOR_MISMATCH");
            } finally {
                jdbc.sql("UPDATE audit_anchor SET head_hash = ? WHERE up_to_seq = ?")
                        .params(anchor.headHash(), anchor.upToSeq())
                        .update();
            }
            assertThat(check().path("intact").asBoolean()).isTrue();
        }

        @Test
        void anEntryRewrittenWithConsistentHashesUnderAnAnchorIsFoundByTheAnchor() {
            AuditEntry entry = someEntries(1).get(0);
            AuditAnchoring.Anchor anchor = anchoring.anchorNow().orElseThrow();
            AuditEvent forged = entry.event().withRecord("UNIT", "FW-FORGED", null);
            String forgedHash = AuditEntry.hash(entry.previousHash(), entry.time(), forged);
            jdbc.sql("UPDATE audit_entry SET record_id = 'FW-FORGED', entry_hash = ? WHERE seq = ?")
                    .params(forgedHash, entry.seq())
                    .update();
            jdbc.sql("UPDATE audit_head SET head_hash = ? WHERE id = 1")
                    .param(forgedHash)
                    .update();
            try {
                JsonNode result = check();
                assertThat(result.path("intact").asBoolean()).as("%s", result).isFalse();
                assertThat(result.path("firstBadSeq").asLong()).isEqualTo(anchor.upToSeq());
                assertThat(result.path("reason").asText()).isEqualTo("ANCHOR_MISMATCH");
            } finally {
                jdbc.sql("UPDATE audit_entry SET record_id = ?, entry_hash = ? WHERE seq = ?")
                        .params(entry.event().recordId(), entry.entryHash(), entry.seq())
                        .update();
                jdbc.sql("UPDATE audit_head SET head_hash = ? WHERE id = 1")
                        .param(entry.entryHash())
                        .update();
            }
        }
    }
}
