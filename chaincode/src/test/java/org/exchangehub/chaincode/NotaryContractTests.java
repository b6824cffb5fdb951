package org.exchangehub.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.merkle.InclusionProof;
import org.exchangehub.merkle.InclusionVerifier;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.json.JSONArray;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class NotaryContractTests {

    private static final String ROOT = "0123456789abcdef".repeat(4);
    private static final String BATCH_JSON = "{\"anchoredAt\":\"2026-11-23T09:30:00.123Z\",\"batchId\":\"batch-1\","
            + "\"hashAlgorithm\":\"SHA-256\",\"leafCount\":5,\"merkleRoot\":\"" + ROOT + "\",\"sequence\":"
            + MockLedger.TX_SEQUENCE + ","
            + "\"submitterMspId\":\"Org1MSP\",\"txId\":\"tx-0001\"}";

    private final NotaryContract contract = new NotaryContract();
    private final MockLedger ledger = new MockLedger().authorized("Org1MSP", "Org2MSP");

    @Nested
    class AnchorBatch {

        @Nested
        class WhenBatchDoesNotExist {

            @Test
            void storesTheBatchAndItsPlaceInTheOrderUnderKeysOfItsOwn() {
                String json = contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256");

                assertThat(json).isEqualTo(BATCH_JSON);
                assertThat(ledger.state)
                        .containsEntry("\u0000notary.batch\u0000batch-1\u0000", BATCH_JSON)
                        .containsEntry("\u0000notary.order\u00001795426200123000000\u0000tx-0001\u0000", "batch-1")
                        .doesNotContainKey("\u0000notary.counter\u0000")
                        .hasSize(3);
            }

            @Test
            void emitsBatchAnchoredWithTheBatchAsPayload() {
                contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256");

                verify(ledger.stub).setEvent("BatchAnchored", BATCH_JSON.getBytes(UTF_8));
            }

            @Test
            void givesEachBatchItsTransactionTimeInNanosecondsAsSequence() {
                contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256");
                ledger.callerFrom("Org2MSP", "CN=hub,OU=client,O=Org2");

                String second = contract.AnchorBatch(ledger.ctx, "batch-0", ROOT, 1, "SHA-256");

                assertThat(NotaryBatch.fromJson(second).sequence()).isEqualTo(MockLedger.TX_SEQUENCE + 1_000_000);
                assertThat(NotaryBatch.fromJson(second).anchoredAt()).isEqualTo("2026-11-23T09:30:00.124Z");
                assertThat(NotaryBatch.fromJson(second).submitterMspId()).isEqualTo("Org2MSP");
                assertThat(ledger.value("\u0000notary.order\u00001795426200124000000\u0000tx-0002\u0000"))
                        .isEqualTo("batch-0");
            }

            @Test
            void storesTheRootInLowercaseAndTheAlgorithmByItsStandardName() {
                String json = contract.AnchorBatch(ledger.ctx, "batch-1", ROOT.toUpperCase(), 7, "sm3");

                NotaryBatch batch = NotaryBatch.fromJson(json);
                assertThat(batch.merkleRoot()).isEqualTo(ROOT);
                assertThat(batch.hashAlgorithm()).isEqualTo("SM3");
            }
        }

        @Nested
        class WhenBatchExists {

            @Test
            void refusesSecondAnchorOfSameBatch() {
                contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256");
                Map<String, String> before = Map.copyOf(ledger.state);

                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, "batch-1", "ff".repeat(32), 9, "SHA-256"),
                        NotaryError.BATCH_EXISTS,
                        "batch batch-1 is already anchored with root " + ROOT + " in transaction tx-0001");
                assertThat(ledger.state).isEqualTo(before);
            }
        }

        /**
         * Fabric endorses concurrent transactions against the same committed state and, at commit, fails one whose
         * reads another has since written (MVCC_READ_CONFLICT). Two anchors of different batches must never meet
         * there: each writes only keys of its own batch and reads nothing another anchor writes.
         */
        @Nested
        class WhenAnotherAnchorRunsAtTheSameTime {

            @Test
            void twoAnchorsWriteDisjointKeysAndNeitherReadsAKeyTheOtherWrites() {
                MockLedger.ReadWriteSet first =
                        ledger.recording(() -> contract.AnchorBatch(ledger.ctx, "record-batch-7", ROOT, 5, "SHA-256"));
                MockLedger.ReadWriteSet second =
                        ledger.recording(() -> contract.AnchorBatch(ledger.ctx, "audit-batch-3", ROOT, 2, "SHA-256"));

                assertThat(first.writes()).doesNotContainAnyElementsOf(second.writes());
                assertThat(first.reads()).doesNotContainAnyElementsOf(second.writes());
                assertThat(second.reads()).doesNotContainAnyElementsOf(first.writes());
                assertThat(first.writes())
                        .containsExactlyInAnyOrder(
                                NotaryState.batchKey("record-batch-7"),
                                NotaryState.orderKey(MockLedger.TX_SEQUENCE, "tx-0001"));
                // The one key both read is the MSP list, which only admins' AuthorizeMsp and RevokeMsp write.
                assertThat(first.reads())
                        .containsExactlyInAnyOrder(
                                NotaryState.authorizedMspsKey(), NotaryState.batchKey("record-batch-7"));
                assertThat(second.reads())
                        .containsExactlyInAnyOrder(
                                NotaryState.authorizedMspsKey(), NotaryState.batchKey("audit-batch-3"));
            }

            @Test
            void keepsBothAnchorsOfTheSameNanosecondApartByTheirTransactionIds() {
                contract.AnchorBatch(ledger.ctx, "batch-a", ROOT, 1, "SHA-256");
                ledger.at(MockLedger.TX_TIME);

                contract.AnchorBatch(ledger.ctx, "batch-b", ROOT, 1, "SHA-256");

                assertThat(ledger.state)
                        .containsEntry(NotaryState.orderKey(MockLedger.TX_SEQUENCE, "tx-0001"), "batch-a")
                        .containsEntry(NotaryState.orderKey(MockLedger.TX_SEQUENCE, "tx-0002"), "batch-b");
                assertThat(ids(contract.ListBatches(ledger.ctx, 0, 10))).containsExactly("batch-a", "batch-b");
            }
        }

        @Nested
        class WhenTheTransactionTimeCannotBeASequence {

            @ParameterizedTest
            @ValueSource(strings = {"1970-01-01T00:00:00Z", "2001-09-09T01:46:39.999999999Z", "2262-04-11T23:47:17Z"})
            void refusesATimeWhoseNanosecondsAreNot19Digits(String time) {
                ledger.at(java.time.Instant.parse(time));

                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256"),
                        NotaryError.TIMESTAMP_INVALID,
                        "transaction timestamp " + java.time.Instant.parse(time)
                                + " is not within 2001-09-09T01:46:40Z..2262-04-11T23:47:16.854775807Z"
                                + " (a batch's sequence is its nanoseconds since 1970)");
                verify(ledger.stub, never()).putState(anyString(), any(byte[].class));
            }

            @Test
            void acceptsTheFirstNanosecondOf19Digits() {
                ledger.at(java.time.Instant.parse("2001-09-09T01:46:40Z"));

                String json = contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256");

                assertThat(NotaryBatch.fromJson(json).sequence()).isEqualTo(1_000_000_000_000_000_000L);
            }
        }

        @Nested
        class WhenCallerIsNotAuthorized {

            @Test
            void refusesAnMspNotOnTheList() {
                ledger.callerFrom("Org3MSP", "CN=intruder,OU=client,O=Org3");

                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256"),
                        NotaryError.IDENTITY_NOT_ALLOWED,
                        "MSP Org3MSP may not anchor batches; authorized MSPs: [Org1MSP, Org2MSP]");
                verify(ledger.stub, never()).putState(anyString(), any(byte[].class));
                verify(ledger.stub, never()).setEvent(anyString(), any(byte[].class));
            }

            @Test
            void refusesEveryoneBeforeAnAdminAuthorizesAnMsp() {
                MockLedger fresh = new MockLedger();

                assertRefused(
                        () -> contract.AnchorBatch(fresh.ctx, "batch-1", ROOT, 5, "SHA-256"),
                        NotaryError.IDENTITY_NOT_ALLOWED,
                        "MSP Org1MSP may not anchor batches; authorized MSPs: []");
            }
        }

        @Nested
        class WhenInputIsInvalid {

            @ParameterizedTest
            @NullSource
            @ValueSource(strings = {"", " ", "batch 1", "-batch", "batch/1", "batch\u00001", "bätch"})
            void refusesABadBatchId(String batchId) {
                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, batchId, ROOT, 5, "SHA-256"),
                        NotaryError.BATCH_ID_INVALID,
                        "batch id '" + batchId
                                + "' is not 1-128 characters of [A-Za-z0-9._:-] starting with a letter or digit");
            }

            @Test
            void acceptsA128CharacterIdAndRefusesA129CharacterOne() {
                String longest = "b".repeat(128);

                contract.AnchorBatch(ledger.ctx, longest, ROOT, 5, "SHA-256");

                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, longest + "b", ROOT, 5, "SHA-256"),
                        NotaryError.BATCH_ID_INVALID,
                        "batch id '" + longest + "b"
                                + "' is not 1-128 characters of [A-Za-z0-9._:-] starting with a letter or digit");
            }

            @ParameterizedTest
            @NullSource
            @ValueSource(strings = {"", "abc", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde"})
            void refusesARootOfTheWrongLength(String root) {
                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, "batch-1", root, 5, "SM3"),
                        NotaryError.ROOT_MALFORMED,
                        "Merkle root '" + root + "' is not 64 hex characters (a SM3 hash)");
            }

            @Test
            void refusesARootThatIsNotHex() {
                String root = "g" + ROOT.substring(1);

                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, "batch-1", root, 5, "SHA-256"),
                        NotaryError.ROOT_MALFORMED,
                        "Merkle root '" + root + "' is not 64 hex characters (a SHA-256 hash)");
            }

            @ParameterizedTest
            @ValueSource(longs = {0, -1, Long.MIN_VALUE})
            void refusesALeafCountBelowOne(long leafCount) {
                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, leafCount, "SHA-256"),
                        NotaryError.LEAF_COUNT_INVALID,
                        "batch batch-1 has leaf count " + leafCount + "; at least 1");
            }

            @ParameterizedTest
            @NullSource
            @ValueSource(strings = {"MD5", "SHA-1", ""})
            void refusesAnUnknownAlgorithm(String algorithm) {
                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, algorithm),
                        NotaryError.ALGORITHM_UNKNOWN,
                        "hash algorithm '" + algorithm + "' is unknown; expected one of: SHA-256, SM3");
            }
        }
    }

    @Nested
    class AuthorizeMsp {

        @Test
        void letsAnAdminByNodeOuAuthorizeAnMsp() {
            ledger.callerFrom("Org1MSP", "CN=Admin@org1.example.com,OU=admin,O=Org1,C=CN");

            String msps = contract.AuthorizeMsp(ledger.ctx, "Org3MSP");

            assertThat(msps).isEqualTo("[\"Org1MSP\",\"Org2MSP\",\"Org3MSP\"]");
            assertThat(ledger.value("\u0000notary.authorizedMsps\u0000")).isEqualTo(msps);
            verify(ledger.stub)
                    .setEvent(
                            "MspAuthorized",
                            ("{\"authorizedMsps\":[\"Org1MSP\",\"Org2MSP\",\"Org3MSP\"],\"by\":\"Org1MSP\","
                                            + "\"mspId\":\"Org3MSP\"}")
                                    .getBytes(UTF_8));
        }

        @Test
        void letsAnAdminByAttributeAuthorizeAnMsp() {
            ledger.callerFrom("Org2MSP", "CN=ops,OU=client,O=Org2").withAttribute("notary.admin", "true");

            assertThat(contract.AuthorizeMsp(ledger.ctx, "Org3MSP")).contains("Org3MSP");
        }

        @Test
        void seesAdminInAMultiValuedName() {
            ledger.callerFrom("Org1MSP", "OU=admin+CN=alice,O=Org1");

            assertThat(contract.AuthorizeMsp(ledger.ctx, "Org3MSP")).contains("Org3MSP");
        }

        @Test
        void isIdempotent() {
            ledger.callerFrom("Org1MSP", "CN=admin1,OU=admin,O=Org1");

            assertThat(contract.AuthorizeMsp(ledger.ctx, "Org1MSP")).isEqualTo("[\"Org1MSP\",\"Org2MSP\"]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"CN=user1,OU=client,O=Org1", "CN=admin,O=Org1", "CN=x,OU=administrators,O=Org1"})
        void refusesAnyoneElse(String subject) {
            ledger.callerFrom("Org1MSP", subject).withAttribute("notary.admin", "false");

            assertRefused(
                    () -> contract.AuthorizeMsp(ledger.ctx, "Org3MSP"),
                    NotaryError.ADMIN_REQUIRED,
                    "x509::" + subject + "::CN=ca.Org1MSP of MSP Org1MSP is not a notary admin "
                            + "(needs OU=admin in its certificate or attribute notary.admin=true)");
            verify(ledger.stub, never()).putState(anyString(), any(byte[].class));
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "Org 3", "-Org3", "Org3MSP\u0000"})
        void refusesABadMspId(String mspId) {
            ledger.callerFrom("Org1MSP", "CN=admin1,OU=admin,O=Org1");

            assertRefused(
                    () -> contract.AuthorizeMsp(ledger.ctx, mspId),
                    NotaryError.MSP_ID_INVALID,
                    "MSP id '" + mspId + "' is not 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit");
        }
    }

    @Nested
    class RevokeMsp {

        @Test
        void withdrawsTheRightToAnchor() {
            ledger.callerFrom("Org1MSP", "CN=admin1,OU=admin,O=Org1");

            assertThat(contract.RevokeMsp(ledger.ctx, "Org2MSP")).isEqualTo("[\"Org1MSP\"]");

            verify(ledger.stub)
                    .setEvent(
                            "MspRevoked",
                            "{\"authorizedMsps\":[\"Org1MSP\"],\"by\":\"Org1MSP\",\"mspId\":\"Org2MSP\"}"
                                    .getBytes(UTF_8));
            ledger.callerFrom("Org2MSP", "CN=hub,OU=client,O=Org2");
            assertRefused(
                    () -> contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256"),
                    NotaryError.IDENTITY_NOT_ALLOWED,
                    "MSP Org2MSP may not anchor batches; authorized MSPs: [Org1MSP]");
        }

        @Test
        void refusesAnMspThatIsNotAuthorized() {
            ledger.callerFrom("Org1MSP", "CN=admin1,OU=admin,O=Org1");

            assertRefused(
                    () -> contract.RevokeMsp(ledger.ctx, "Org9MSP"),
                    NotaryError.MSP_NOT_AUTHORIZED,
                    "MSP Org9MSP is not authorized; authorized MSPs: [Org1MSP, Org2MSP]");
        }

        @Test
        void refusesANonAdmin() {
            assertRefused(
                    () -> contract.RevokeMsp(ledger.ctx, "Org2MSP"),
                    NotaryError.ADMIN_REQUIRED,
                    "x509::CN=user1,OU=client,O=Org1::CN=ca.Org1MSP of MSP Org1MSP is not a notary admin "
                            + "(needs OU=admin in its certificate or attribute notary.admin=true)");
        }
    }

    @Nested
    class ListAuthorizedMsps {

        @Test
        void listsTheMspsSorted() {
            ledger.authorized("OrgBMSP", "OrgAMSP", "Org10MSP");

            assertThat(contract.ListAuthorizedMsps(ledger.ctx)).isEqualTo("[\"Org10MSP\",\"OrgAMSP\",\"OrgBMSP\"]");
        }

        @Test
        void listsNoneOnAFreshLedger() {
            assertThat(contract.ListAuthorizedMsps(new MockLedger().ctx)).isEqualTo("[]");
        }
    }

    @Nested
    class GetBatch {

        @Test
        void whenBatchExistsReturnsItsJson() {
            contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256");

            assertThat(contract.GetBatch(ledger.ctx, "batch-1")).isEqualTo(BATCH_JSON);
        }

        @Test
        void whenBatchDoesNotExistRefuses() {
            assertRefused(
                    () -> contract.GetBatch(ledger.ctx, "batch-9"),
                    NotaryError.BATCH_NOT_FOUND,
                    "batch batch-9 is not anchored");
        }

        @Test
        void refusesABadBatchId() {
            assertRefused(
                    () -> contract.GetBatch(ledger.ctx, "a\u0000b"),
                    NotaryError.BATCH_ID_INVALID,
                    "batch id 'a\u0000b' is not 1-128 characters of [A-Za-z0-9._:-] starting with a letter or digit");
        }
    }

    @Nested
    class ListBatches {

        @Test
        void listsBatchesInAnchoringOrderAfterTheCursor() {
            for (String id : List.of("c", "a", "b", "e", "d")) {
                contract.AnchorBatch(ledger.ctx, id, ROOT, 1, "SHA-256");
            }
            long first = MockLedger.TX_SEQUENCE;
            long millisecond = 1_000_000;

            assertThat(ids(contract.ListBatches(ledger.ctx, 0, 1000))).containsExactly("c", "a", "b", "e", "d");
            assertThat(ids(contract.ListBatches(ledger.ctx, first, 2))).containsExactly("a", "b");
            assertThat(ids(contract.ListBatches(ledger.ctx, first + millisecond - 1, 2)))
                    .containsExactly("a", "b");
            assertThat(ids(contract.ListBatches(ledger.ctx, first + 2 * millisecond, 5)))
                    .containsExactly("e", "d");
            assertThat(contract.ListBatches(ledger.ctx, first + 4 * millisecond, 5))
                    .isEqualTo("[]");
            assertThat(contract.ListBatches(ledger.ctx, Long.MAX_VALUE, 1000)).isEqualTo("[]");
        }

        @Test
        void pagesThroughEveryBatchWithTheLastSequenceOfEachPageAsCursor() {
            List<String> anchored =
                    IntStream.range(0, 7).mapToObj(i -> "batch-" + i).toList();
            anchored.forEach(id -> contract.AnchorBatch(ledger.ctx, id, ROOT, 1, "SHA-256"));

            List<String> listed = new java.util.ArrayList<>();
            long cursor = 0;
            for (JSONArray page = new JSONArray(contract.ListBatches(ledger.ctx, cursor, 3));
                    !page.isEmpty();
                    page = new JSONArray(contract.ListBatches(ledger.ctx, cursor, 3))) {
                assertThat(page.length()).isLessThanOrEqualTo(3);
                for (int i = 0; i < page.length(); i++) {
                    listed.add(page.getJSONObject(i).getString("batchId"));
                }
                cursor = page.getJSONObject(page.length() - 1).getLong("sequence");
            }

            assertThat(listed).isEqualTo(anchored);
        }

        @Test
        void endsAPageOnlyAfterTheLastBatchOfItsSequence() {
            contract.AnchorBatch(ledger.ctx, "before", ROOT, 1, "SHA-256");
            for (String id : List.of("same-1", "same-2", "same-3")) {
                ledger.at(MockLedger.TX_TIME.plusSeconds(1));
                contract.AnchorBatch(ledger.ctx, id, ROOT, 1, "SHA-256");
            }
            contract.AnchorBatch(ledger.ctx, "after", ROOT, 1, "SHA-256");

            // A page of 2 cut after same-1 would make a reader continue after its sequence and miss same-2 and same-3.
            assertThat(ids(contract.ListBatches(ledger.ctx, 0, 2)))
                    .containsExactly("before", "same-1", "same-2", "same-3");
            assertThat(ids(contract.ListBatches(ledger.ctx, MockLedger.TX_SEQUENCE + 1_000_000_000L, 2)))
                    .containsExactly("after");
        }

        /** A ledger chaincode 0.1 anchored on: a counter, order keys 1, 2, ... and batches with those sequences. */
        @Nested
        class OnALedgerAnchoredByTheCountingChaincode {

            private final String old1 = oldBatch("old-1", 1);
            private final String old2 = oldBatch("old-2", 2);

            OnALedgerAnchoredByTheCountingChaincode() {
                ledger.state.put(NotaryState.counterKey(), "2");
                ledger.at(MockLedger.TX_TIME.plusSeconds(60));
            }

            @Test
            void listsTheOldBatchesFirstByTheirCountThenTheNewOnesByTime() {
                contract.AnchorBatch(ledger.ctx, "new-1", ROOT, 1, "SHA-256");
                contract.AnchorBatch(ledger.ctx, "new-2", ROOT, 1, "SHA-256");

                assertThat(ids(contract.ListBatches(ledger.ctx, 0, 10)))
                        .containsExactly("old-1", "old-2", "new-1", "new-2");
                assertThat(contract.ListBatches(ledger.ctx, 0, 2)).isEqualTo("[" + old1 + "," + old2 + "]");
                assertThat(ids(contract.ListBatches(ledger.ctx, 1, 2))).containsExactly("old-2", "new-1");
                assertThat(ids(contract.ListBatches(ledger.ctx, 2, 10))).containsExactly("new-1", "new-2");
            }

            @Test
            void readsOldBatchesAsBefore() {
                assertThat(contract.GetBatch(ledger.ctx, "old-2")).isEqualTo(old2);
                assertRefused(
                        () -> contract.AnchorBatch(ledger.ctx, "old-1", ROOT, 5, "SHA-256"),
                        NotaryError.BATCH_EXISTS,
                        "batch old-1 is already anchored with root " + ROOT + " in transaction tx-old-1");
            }

            @Test
            void leavesTheOldCounterAsItWas() {
                MockLedger.ReadWriteSet anchor =
                        ledger.recording(() -> contract.AnchorBatch(ledger.ctx, "new-1", ROOT, 1, "SHA-256"));

                assertThat(anchor.reads()).doesNotContain(NotaryState.counterKey());
                assertThat(anchor.writes()).doesNotContain(NotaryState.counterKey());
                assertThat(ledger.value(NotaryState.counterKey())).isEqualTo("2");
            }

            private String oldBatch(String id, long sequence) {
                String json = new NotaryBatch(
                                id,
                                ROOT,
                                5,
                                "SHA-256",
                                "Org1MSP",
                                "2026-11-20T08:00:0" + sequence + "Z",
                                "tx-" + id,
                                sequence)
                        .toJson();
                ledger.state.put(NotaryState.batchKey(id), json);
                ledger.state.put(NotaryState.orderKey(sequence), id);
                return json;
            }
        }

        @Test
        void writesEachBatchAsGetBatchDoes() {
            contract.AnchorBatch(ledger.ctx, "batch-1", ROOT, 5, "SHA-256");

            assertThat(contract.ListBatches(ledger.ctx, 0, 1)).isEqualTo("[" + BATCH_JSON + "]");
        }

        @Test
        void listsNothingOnAFreshLedger() {
            assertThat(contract.ListBatches(new MockLedger().ctx, 0, 10)).isEqualTo("[]");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 1001})
        void refusesALimitOutside1To1000(int limit) {
            assertRefused(
                    () -> contract.ListBatches(ledger.ctx, 0, limit),
                    NotaryError.LIMIT_INVALID,
                    "limit " + limit + " is not within 1..1000");
        }

        @Test
        void refusesANegativeCursor() {
            assertRefused(
                    () -> contract.ListBatches(ledger.ctx, -1, 10),
                    NotaryError.SEQUENCE_INVALID,
                    "afterSequence -1 is below 0");
        }
    }

    @Nested
    class VerifyInclusion {

        private final MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.SHA_256);
        private final MerkleTree tree = MerkleTree.fromLeafData(
                hasher,
                IntStream.range(0, 5).mapToObj(i -> new byte[] {(byte) i}).toList());
        private final InclusionProof proof = tree.inclusionProof(3);
        private final String leaf = HexFormat.of().formatHex(tree.leafHash(3));
        private final String root = HexFormat.of().formatHex(tree.root());

        VerifyInclusion() {
            contract.AnchorBatch(ledger.ctx, "batch-1", root, 5, "SHA-256");
        }

        @Test
        void confirmsALeafOfTheBatch() {
            String result = contract.VerifyInclusion(ledger.ctx, "batch-1", leaf.toUpperCase(), json(proof));

            assertThat(result)
                    .isEqualTo("{\"batchId\":\"batch-1\",\"included\":true,\"leafIndex\":3,\"merkleRoot\":\"" + root
                            + "\",\"treeSize\":5}");
        }

        @Test
        void confirmsALeafOfAnSm3Batch() {
            MerkleHasher sm3 = MerkleHasher.of(DigestAlgorithm.SM3);
            MerkleTree sm3Tree = MerkleTree.fromLeafData(sm3, List.of(new byte[] {1}, new byte[] {2}));
            contract.AnchorBatch(ledger.ctx, "batch-sm3", HexFormat.of().formatHex(sm3Tree.root()), 2, "SM3");

            String result = contract.VerifyInclusion(
                    ledger.ctx,
                    "batch-sm3",
                    HexFormat.of().formatHex(sm3Tree.leafHash(1)),
                    json(sm3Tree.inclusionProof(1)));

            assertThat(result).contains("\"included\":true");
        }

        @Test
        void saysFalseWithTheRootsForATamperedLeaf() throws Exception {
            byte[] tamperedLeaf = hasher.hashLeaf(new byte[] {42});
            String tampered = HexFormat.of().formatHex(tamperedLeaf);
            String calculated = HexFormat.of()
                    .formatHex(InclusionVerifier.rootFromInclusionProof(hasher, 3, 5, tamperedLeaf, proof.path()));

            String result = contract.VerifyInclusion(ledger.ctx, "batch-1", tampered, json(proof));

            assertThat(result)
                    .isEqualTo("{\"batchId\":\"batch-1\",\"included\":false,\"leafIndex\":3,\"merkleRoot\":\"" + root
                            + "\",\"reason\":\"calculated root " + calculated + " does not match expected root "
                            + root + "\",\"treeSize\":5}");
        }

        @Test
        void saysFalseForAProofOfATreeOfAnotherSize() {
            MerkleTree bigger = MerkleTree.fromLeafData(
                    hasher,
                    IntStream.range(0, 6).mapToObj(i -> new byte[] {(byte) i}).toList());

            String result = contract.VerifyInclusion(ledger.ctx, "batch-1", leaf, json(bigger.inclusionProof(3)));

            assertThat(result)
                    .isEqualTo("{\"batchId\":\"batch-1\",\"included\":false,\"leafIndex\":3,\"merkleRoot\":\"" + root
                            + "\",\"reason\":\"proof is for a tree of 6 leaves; batch batch-1 has 5\","
                            + "\"treeSize\":6}");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "not json",
                    "{}",
                    "{\"leafIndex\":3,\"treeSize\":5}",
                    "{\"leafIndex\":\"3\",\"treeSize\":5,\"path\":[]}",
                    "{\"leafIndex\":3.5,\"treeSize\":5,\"path\":[]}",
                    "{\"leafIndex\":3,\"treeSize\":5,\"path\":[\"zz\"]}",
                    "{\"leafIndex\":3,\"treeSize\":5,\"path\":[7]}"
                })
        void refusesProofJsonItCannotRead(String proofJson) {
            ChaincodeException refusal = catchThrowableOfType(
                    () -> contract.VerifyInclusion(ledger.ctx, "batch-1", leaf, proofJson), ChaincodeException.class);

            assertThat(refusal.getPayload()).isEqualTo("PROOF_MALFORMED".getBytes(UTF_8));
            assertThat(refusal).hasMessageStartingWith("PROOF_MALFORMED: proof for batch batch-1: ");
        }

        @Test
        void refusesALeafHashThatIsNotHex() {
            assertRefused(
                    () -> contract.VerifyInclusion(ledger.ctx, "batch-1", "xyz", json(proof)),
                    NotaryError.PROOF_MALFORMED,
                    "proof for batch batch-1: leaf hash is not hex: 'xyz'");
        }

        @Test
        void refusesALeafHashOfTheWrongLength() {
            assertRefused(
                    () -> contract.VerifyInclusion(ledger.ctx, "batch-1", "abcd", json(proof)),
                    NotaryError.PROOF_MALFORMED,
                    "proof for batch batch-1: leaf hash has 2 bytes, SHA-256 hashes have 32");
        }

        @Test
        void refusesAnIndexOutsideTheTree() {
            String outside = json(new InclusionProof(5, 5, proof.path()));

            assertRefused(
                    () -> contract.VerifyInclusion(ledger.ctx, "batch-1", leaf, outside),
                    NotaryError.PROOF_MALFORMED,
                    "proof for batch batch-1: leaf index 5 is not within a tree of 5 leaves");
        }

        @Test
        void refusesAPathOfTheWrongLengthEvenForAnotherTreeSize() {
            String tooShort = json(new InclusionProof(3, 6, proof.path().subList(0, 1)));

            assertRefused(
                    () -> contract.VerifyInclusion(ledger.ctx, "batch-1", leaf, tooShort),
                    NotaryError.PROOF_MALFORMED,
                    "proof for batch batch-1: path has 1 hashes, but leaf 3 of a tree of 6 leaves needs 3");
        }

        @Test
        void refusesAnUnknownBatch() {
            assertRefused(
                    () -> contract.VerifyInclusion(ledger.ctx, "batch-2", leaf, json(proof)),
                    NotaryError.BATCH_NOT_FOUND,
                    "batch batch-2 is not anchored");
        }

        @Test
        void refusesAMissingLeafHashOrProof() {
            assertRefused(
                    () -> contract.VerifyInclusion(ledger.ctx, "batch-1", null, json(proof)),
                    NotaryError.PROOF_MALFORMED,
                    "proof for batch batch-1: leaf hash and proof are required");
        }

        private String json(InclusionProof inclusion) {
            return SortedJson.object(Map.of(
                    "leafIndex", inclusion.leafIndex(),
                    "treeSize", inclusion.treeSize(),
                    "path", inclusion.pathHex()));
        }
    }

    private static List<String> ids(String json) {
        JSONArray array = new JSONArray(json);
        return IntStream.range(0, array.length())
                .mapToObj(i -> array.getJSONObject(i).getString("batchId"))
                .toList();
    }

    private static void assertRefused(ThrowingCallable call, NotaryError code, String message) {
        ChaincodeException refusal = catchThrowableOfType(call, ChaincodeException.class);

        assertThat(refusal)
                .as("expected a refusal %s", code)
                .isNotNull()
                .hasMessage(code.name() + ": " + message)
                .hasNoCause();
        assertThat(new String(refusal.getPayload(), UTF_8)).isEqualTo(code.name());
    }
}
