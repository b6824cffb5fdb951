package org.exchangehub.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hub end to end over HTTP: publish, anchor, fetch with receipt, verify, and every verdict and refusal. The
 * subclasses run it on H2 and on PostgreSQL. Notarization is driven by the test ({@code hub.notary.enabled=false}),
 * so no test waits on a timer.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hub.dev.agency-header=true", "hub.notary.enabled=false", "hub.api.max-request-bytes=200000"})
abstract class ExchangeFlowTests {

    static final AtomicInteger UNIQUE = new AtomicInteger();

    @Autowired
    TestRestTemplate rest;

    @Autowired
    NotaryBatcher batcher;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;
    String suffix;

    @BeforeEach
    void client() {
        hub = new HubClient(rest);
        suffix = getClass().getSimpleName().substring(0, 2) + UNIQUE.incrementAndGet();
    }

    String contractNo() {
        return "HT-" + suffix;
    }

    String houseCode() {
        return "FW-" + suffix;
    }

    JsonNode published(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getBody().path("status").asText()).isEqualTo("PENDING");
        return response.getBody();
    }

    /** GET the record's version with its receipt. */
    JsonNode fetched(String type, String id, int version) {
        ResponseEntity<JsonNode> response = hub.get("/api/v1/records/" + type + "/" + id + "/versions/" + version);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    String verdict(JsonNode fetched) {
        return hub.verify(fetched.get("record"), fetched.get("receipt"), null)
                .path("verdict")
                .asText();
    }

    @Nested
    class PublishAnchorVerify {

        @Test
        void aPublishedRecordIsAnchoredAndVerifiesGenuineEveryWay() {
            JsonNode accepted = published(hub.publish(
                    "housing", "CONTRACT", contractNo(), null, Payloads.contract(contractNo(), houseCode(), "SIGNED")));
            JsonNode pending = fetched("CONTRACT", contractNo(), 1);
            assertThat(hub.verify(pending.get("record"), null, null)
                            .path("verdict")
                            .asText())
                    .isEqualTo("PENDING");

            assertThat(batcher.drain()).isPositive();

            JsonNode anchored = fetched("CONTRACT", contractNo(), 1);
            JsonNode receipt = anchored.get("receipt");
            assertThat(receipt.path("status").asText()).isEqualTo("ANCHORED");
            assertThat(receipt.path("receiptId").asText())
                    .isEqualTo(accepted.path("receiptId").asText());
            assertThat(receipt.path("ledger").path("mode").asText()).isEqualTo("embedded");
            assertThat(receipt.path("ledger").path("transactionId").asText()).hasSize(64);
            assertThat(receipt.path("treeHead").path("signature").asText()).isNotBlank();
            assertThat(receipt.path("proof").path("merkleRoot").asText())
                    .isEqualTo(receipt.path("treeHead").path("merkleRoot").asText());

            JsonNode withReceipt = hub.verify(anchored.get("record"), receipt, null);
            assertThat(withReceipt.path("verdict").asText())
                    .as("%s", withReceipt)
                    .isEqualTo("GENUINE");
            assertThat(withReceipt.path("ledgerRoot").asText())
                    .isEqualTo(withReceipt.path("computedRoot").asText());
            assertThat(withReceipt.path("treeHeadSignatureValid").asBoolean()).isTrue();
            assertThat(hub.verify(anchored.get("record"), null, null)
                            .path("verdict")
                            .asText())
                    .isEqualTo("GENUINE");
            assertThat(hub.verify(null, null, receipt.path("digest").asText())
                            .path("verdict")
                            .asText())
                    .isEqualTo("GENUINE");
            assertThat(hub.get("/api/v1/receipts/" + accepted.path("receiptId").asText())
                            .getBody())
                    .isEqualTo(receipt);
        }

        @Test
        void aChangedByteInTheStoredPayloadIsTampered() {
            published(hub.publish(
                    "housing", "UNIT", houseCode(), null, Payloads.unit(houseCode(), "AVAILABLE", 2_000_000)));
            batcher.drain();

            jdbc.sql("UPDATE record_version SET payload = REPLACE(payload, '2000000', '1000000')"
                            + " WHERE record_type = 'UNIT' AND record_id = ?")
                    .param(houseCode())
                    .update();

            JsonNode fetched = fetched("UNIT", houseCode(), 1);
            assertThat(fetched.path("record")
                            .path("payload")
                            .path("listedPrice")
                            .asDouble())
                    .isEqualTo(1_000_000);
            JsonNode verification = hub.verify(fetched.get("record"), fetched.get("receipt"), null);
            assertThat(verification.path("verdict").asText()).isEqualTo("TAMPERED");
            assertThat(verification.path("reasons").toString()).contains("the ledger holds");
            assertThat(hub.verify(fetched.get("record"), null, null)
                            .path("verdict")
                            .asText())
                    .isEqualTo("TAMPERED");
        }

        @Test
        void anEditedRecordWithItsOriginalReceiptIsTampered() {
            published(hub.publish(
                    "housing", "UNIT", houseCode(), null, Payloads.unit(houseCode(), "AVAILABLE", 1_500_000)));
            batcher.drain();
            JsonNode fetched = fetched("UNIT", houseCode(), 1);

            ObjectNode forged = fetched.get("record").deepCopy();
            ((ObjectNode) forged.get("payload")).put("saleStatus", "NOT_FOR_SALE");

            assertThat(hub.verify(forged, fetched.get("receipt"), null)
                            .path("verdict")
                            .asText())
                    .isEqualTo("TAMPERED");
        }

        @Test
        void aReceiptWhoseSignedTreeHeadWasAlteredIsTampered() {
            published(
                    hub.publish("housing", "UNIT", houseCode(), null, Payloads.unit(houseCode(), "AVAILABLE", 3_000)));
            batcher.drain();
            JsonNode fetched = fetched("UNIT", houseCode(), 1);
            assertThat(verdict(fetched)).isEqualTo("GENUINE");

            ObjectNode otherSignature = fetched.get("receipt").deepCopy();
            String signature = otherSignature.path("treeHead").path("signature").asText();
            ((ObjectNode) otherSignature.get("treeHead"))
                    .put(
                            "signature",
                            signature.substring(0, 20)
                                    + (signature.charAt(20) == 'A' ? 'B' : 'A')
                                    + signature.substring(21));
            ObjectNode otherTime = fetched.get("receipt").deepCopy();
            ((ObjectNode) otherTime.get("treeHead")).put("sealedAt", "2020-01-01T00:00:00Z");

            JsonNode forgedSignature = hub.verify(fetched.get("record"), otherSignature, null);
            assertThat(forgedSignature.path("verdict").asText()).isEqualTo("TAMPERED");
            assertThat(forgedSignature.path("treeHeadSignatureValid").asBoolean())
                    .isFalse();
            assertThat(hub.verify(fetched.get("record"), otherTime, null)
                            .path("verdict")
                            .asText())
                    .isEqualTo("TAMPERED");
            assertThat(verdict(fetched))
                    .as("the genuine receipt still verifies")
                    .isEqualTo("GENUINE");
        }

        @Test
        void anOlderVersionIsSuperseded() {
            published(hub.publish(
                    "housing", "UNIT", houseCode(), null, Payloads.unit(houseCode(), "AVAILABLE", 1_000_000)));
            published(
                    hub.publish("housing", "UNIT", houseCode(), null, Payloads.unit(houseCode(), "SIGNED", 1_000_000)));
            batcher.drain();

            JsonNode first = fetched("UNIT", houseCode(), 1);
            JsonNode verification = hub.verify(first.get("record"), first.get("receipt"), null);

            assertThat(verification.path("verdict").asText()).isEqualTo("SUPERSEDED");
            assertThat(verification.path("latestVersion").asInt()).isEqualTo(2);
            assertThat(verdict(fetched("UNIT", houseCode(), 2))).isEqualTo("GENUINE");
        }

        @Test
        void aCancelledContractIsRevokedAndFreesTheUnit() {
            published(hub.publish(
                    "housing", "CONTRACT", contractNo(), null, Payloads.contract(contractNo(), houseCode(), "SIGNED")));
            published(hub.publish(
                    "housing",
                    "CONTRACT",
                    contractNo(),
                    null,
                    Payloads.contract(contractNo(), houseCode(), "CANCELLED")));
            batcher.drain();

            assertThat(verdict(fetched("CONTRACT", contractNo(), 1))).isEqualTo("REVOKED");
            assertThat(verdict(fetched("CONTRACT", contractNo(), 2))).isEqualTo("REVOKED");
            String next = contractNo() + "-B";
            published(hub.publish("housing", "CONTRACT", next, null, Payloads.contract(next, houseCode(), "SIGNED")));
            ResponseEntity<JsonNode> again = hub.publish(
                    "housing", "CONTRACT", contractNo(), null, Payloads.contract(contractNo(), houseCode(), "SIGNED"));
            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(again.getBody().path("code").asText()).isEqualTo("RECORD_REVOKED");
        }

        @Test
        void somethingNeverPublishedIsUnknown() {
            ObjectNode record = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            record.put("type", "UNIT");
            record.put("id", "FW-NEVER-" + suffix);
            record.put("version", 1);
            record.put("source", "housing");
            record.set("payload", Payloads.unit("FW-NEVER-" + suffix, "AVAILABLE", 1));

            assertThat(hub.verify(record, null, null).path("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(hub.verify(null, null, "ab".repeat(32)).path("verdict").asText())
                    .isEqualTo("UNKNOWN");
        }
    }

    // Autowired here, not in the @Nested class: a nested class's own fields come from a context made without the
    // subclass's @DynamicPropertySource (another database).
    @Autowired
    org.exchangehub.hub.record.RecordPublisher publisher;

    @Autowired
    org.exchangehub.hub.record.RecordStore records;

    @Autowired
    org.exchangehub.hub.notary.NotaryStore notaryStore;

    @Autowired
    org.exchangehub.hub.notary.Receipts receipts;

    @Nested
    class Proofs {

        /** 600 records: a batch of three tiles (256, 256, 88 leaves). */
        java.util.List<org.exchangehub.hub.record.StoredRecord> sealedBatchOfThreeTiles() {
            batcher.drain();
            java.util.List<org.exchangehub.hub.record.PublishRequest> requests = new java.util.ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String code = houseCode() + "-t" + i;
                requests.add(new org.exchangehub.hub.record.PublishRequest(
                        "UNIT", code, null, Payloads.unit(code, "AVAILABLE", 1_000 + i)));
            }
            java.util.List<org.exchangehub.hub.record.StoredRecord> stored = new java.util.ArrayList<>();
            for (Object outcome : publisher.publishAll("housing", requests)) {
                stored.add(((org.exchangehub.hub.record.RecordPublisher.Published) outcome).record());
            }
            batcher.drain();
            return stored;
        }

        @Test
        void aReceiptReadLaterFromTheBatchsTilesHasTheProofIssuedAtSealing() {
            java.util.List<org.exchangehub.hub.record.StoredRecord> stored = sealedBatchOfThreeTiles();
            // a reader with no tree in memory, as after a restart or for an old batch: proofs from the tiles
            org.exchangehub.hub.notary.Receipts cold =
                    org.exchangehub.hub.notary.Receipts.reading(records, notaryStore);

            java.util.List<org.exchangehub.hub.notary.Receipt> issued = receipts.ofAll(stored);
            java.util.List<org.exchangehub.hub.notary.Receipt> later = cold.ofAll(stored);

            assertThat(issued).allSatisfy(r -> assertThat(r.proof()).isNotNull());
            assertThat(issued.get(0).proof().treeSize()).isEqualTo(600);
            assertThat(later).usingRecursiveFieldByFieldElementComparator().isEqualTo(issued);
            for (int i = 0; i < stored.size(); i += 50) {
                assertThat(verdict(fetched("UNIT", stored.get(i).id(), 1))).isEqualTo("GENUINE");
            }
        }

        @Test
        void aLogDigestAlteredInTheDatabaseStopsTheReceiptsOfItsTile() {
            java.util.List<org.exchangehub.hub.record.StoredRecord> stored = sealedBatchOfThreeTiles();
            long position = receipts.position(stored.get(300)).orElseThrow();
            jdbc.sql("UPDATE notary_log SET digest = ? WHERE position = ?")
                    .params("00".repeat(32), position)
                    .update();
            org.exchangehub.hub.notary.Receipts cold =
                    org.exchangehub.hub.notary.Receipts.reading(records, notaryStore);

            assertThat(cold.ofAll(java.util.List.of(stored.get(10))).get(0).proof())
                    .as("another tile is unaffected")
                    .isNotNull();
            org.assertj.core.api.Assertions.assertThatIllegalStateException()
                    .isThrownBy(() -> cold.ofAll(java.util.List.of(stored.get(299))))
                    .withMessageContaining("the database was altered");
        }
    }

    @Nested
    class Publishing {

        @Test
        void republishingTheSameVersionIsIdempotentAndDifferentContentConflicts() {
            JsonNode first = published(hub.publish(
                    "housing", "CONTRACT", contractNo(), 1, Payloads.contract(contractNo(), houseCode(), "SIGNED")));

            ResponseEntity<JsonNode> again = hub.publish(
                    "housing", "CONTRACT", contractNo(), 1, Payloads.contract(contractNo(), houseCode(), "SIGNED"));
            ObjectNode changed = Payloads.contract(contractNo(), houseCode(), "SIGNED");
            changed.put("price", 1.00);
            ResponseEntity<JsonNode> conflicting = hub.publish("housing", "CONTRACT", contractNo(), 1, changed);

            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(again.getBody().path("receiptId")).isEqualTo(first.path("receiptId"));
            assertThat(conflicting.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(conflicting.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(conflicting.getBody().path("code").asText()).isEqualTo("VERSION_CONFLICT");
            assertThat(count("CONTRACT", contractNo())).isEqualTo(1);
        }

        @Test
        void withoutAVersionTheSameContentAgainIsARepeatAndNewContentTheNextVersion() {
            JsonNode first = published(hub.publish(
                    "housing", "UNIT", houseCode(), null, Payloads.unit(houseCode(), "AVAILABLE", 1_000_000)));

            ResponseEntity<JsonNode> repeat = hub.publish(
                    "housing", "UNIT", houseCode(), null, Payloads.unit(houseCode(), "AVAILABLE", 1_000_000));
            JsonNode changed = published(
                    hub.publish("housing", "UNIT", houseCode(), null, Payloads.unit(houseCode(), "SIGNED", 1_000_000)));
            JsonNode back = published(hub.publish(
                    "housing", "UNIT", houseCode(), null, Payloads.unit(houseCode(), "AVAILABLE", 1_000_000)));

            assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(repeat.getBody().path("receiptId")).isEqualTo(first.path("receiptId"));
            assertThat(changed.path("version").asInt()).isEqualTo(2);
            assertThat(back.path("version").asInt())
                    .as("only a repeat of the latest is a repeat")
                    .isEqualTo(3);
            assertThat(count("UNIT", houseCode())).isEqualTo(3);
        }

        @Test
        void aSecondContractOnAUnitIsRefusedNamingTheFirst() {
            published(hub.publish(
                    "housing", "CONTRACT", contractNo(), null, Payloads.contract(contractNo(), houseCode(), "SIGNED")));
            String second = contractNo() + "-2";

            ResponseEntity<JsonNode> refused =
                    hub.publish("housing", "CONTRACT", second, null, Payloads.contract(second, houseCode(), "SIGNED"));

            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getBody().path("code").asText()).isEqualTo("UNIT_HAS_ACTIVE_CONTRACT");
            assertThat(refused.getBody().path("conflictingContract").asText()).isEqualTo(contractNo());
            assertThat(refused.getBody().path("detail").asText())
                    .contains(contractNo())
                    .contains(houseCode());
            assertThat(count("CONTRACT", second)).isZero();
        }

        @Test
        void badInputGetsAProblemAndStoresNothing() {
            JsonNode contract = Payloads.contract(contractNo(), houseCode(), "SIGNED");

            assertProblem(hub.publish("housing", "LEASE", contractNo(), null, contract), 400, "TYPE_UNKNOWN");
            assertProblem(hub.publish("tax", "CONTRACT", contractNo(), null, contract), 403, "PUBLISH_NOT_ALLOWED");
            assertProblem(
                    hub.publish(
                            "housing",
                            "TAX_CLEARANCE",
                            "V-" + suffix,
                            null,
                            Payloads.taxClearance("V-" + suffix, contractNo())),
                    403,
                    "PUBLISH_NOT_ALLOWED");
            assertProblem(hub.publish(null, "CONTRACT", contractNo(), null, contract), 401, "AGENCY_UNKNOWN");
            assertProblem(hub.publish("housing", "CONTRACT", "OTHER-" + suffix, null, contract), 422, "ID_MISMATCH");
            assertProblem(hub.publish("housing", "CONTRACT", contractNo(), 3, contract), 409, "VERSION_GAP");
            ObjectNode invalid = Payloads.contract(contractNo(), houseCode(), "SIGNED");
            invalid.put("price", -1);
            ResponseEntity<JsonNode> schema = hub.publish("housing", "CONTRACT", contractNo(), null, invalid);
            assertProblem(schema, 422, "PAYLOAD_INVALID");
            assertThat(schema.getBody().path("violations").toString()).contains("price");
            ObjectNode huge = Payloads.contract(contractNo(), houseCode(), "SIGNED");
            huge.put("changeReason", "x".repeat(70_000));
            assertProblem(hub.publish("housing", "CONTRACT", contractNo(), null, huge), 413, "PAYLOAD_TOO_LARGE");
            ResponseEntity<JsonNode> unreadable = hub.post(
                    "/api/v1/records", "housing", new com.fasterxml.jackson.databind.node.TextNode("not a record"));
            assertThat(unreadable.getStatusCode().value()).isEqualTo(400);
            assertThat(unreadable.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

            ObjectNode enormous = Payloads.contract(contractNo(), houseCode(), "SIGNED");
            enormous.put("changeReason", "x".repeat(250_000));
            assertProblem(hub.publish("housing", "CONTRACT", contractNo(), null, enormous), 413, "PAYLOAD_TOO_LARGE");

            assertThat(count("CONTRACT", contractNo())).isZero();
            assertProblem(hub.get("/api/v1/records/CONTRACT/" + contractNo()), 404, "RECORD_NOT_FOUND");
        }

        @Test
        void aBatchGetsAResultPerRecord() {
            com.fasterxml.jackson.databind.node.ArrayNode batch =
                    new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
            for (int i = 0; i < 3; i++) {
                String code = houseCode() + "-" + i;
                batch.addObject()
                        .put("type", "UNIT")
                        .put("id", code)
                        .set("payload", Payloads.unit(code, "AVAILABLE", 100_000 + i));
            }
            batch.addObject()
                    .put("type", "UNIT")
                    .put("id", "bad")
                    .set("payload", Payloads.unit("other", "AVAILABLE", 1));

            ResponseEntity<JsonNode> response = hub.post("/api/v1/records/batch", "housing", batch);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody()).hasSize(4);
            assertThat(response.getBody().get(0).path("status").asInt()).isEqualTo(202);
            assertThat(response.getBody().get(3).path("code").asText()).isEqualTo("ID_MISMATCH");
        }

        @Test
        void theFeedListsVersionsAfterACursorWithReceipts() {
            long before = hub.get("/api/v1/feed/UNIT?after=0&limit=1000")
                    .getBody()
                    .path("next")
                    .asLong();
            JsonNode start =
                    hub.get("/api/v1/feed/UNIT?after=" + latestCursor()).getBody();
            for (int i = 0; i < 3; i++) {
                String code = houseCode() + "-f" + i;
                published(hub.publish("housing", "UNIT", code, null, Payloads.unit(code, "AVAILABLE", 1_000 + i)));
            }
            batcher.drain();

            JsonNode page = hub.get(
                            "/api/v1/feed/UNIT?after=" + start.path("next").asLong() + "&limit=2")
                    .getBody();
            JsonNode rest = hub.get(
                            "/api/v1/feed/UNIT?after=" + page.path("next").asLong())
                    .getBody();

            assertThat(before).isNotNegative();
            assertThat(page.path("items")).hasSize(2);
            assertThat(rest.path("items")).hasSize(1);
            assertThat(page.path("items").get(0).path("record").path("id").asText())
                    .isEqualTo(houseCode() + "-f0");
            assertThat(rest.path("items").get(0).path("receipt").path("status").asText())
                    .isEqualTo("ANCHORED");
            assertProblem(hub.get("/api/v1/feed/UNIT?limit=0"), 400, "BAD_REQUEST");
        }

        long latestCursor() {
            return jdbc.sql("SELECT COALESCE(MAX(position), 0) FROM notary_log")
                    .query(Long.class)
                    .single();
        }
    }

    long count(String type, String id) {
        return jdbc.sql("SELECT COUNT(*) FROM record_version WHERE record_type = ? AND record_id = ?")
                .params(type, id)
                .query(Long.class)
                .single();
    }

    static void assertProblem(ResponseEntity<JsonNode> response, int status, String code) {
        assertThat(response.getStatusCode().value())
                .as("%s", response.getBody())
                .isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("code").asText()).isEqualTo(code);
        assertThat(response.getBody().path("detail").asText()).isNotBlank();
    }
}
