package org.exchangehub.hub.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.cli.HubCommands;
import org.exchangehub.hub.notary.Receipt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Randomized tampering: records anchored on the real embedded ledger with each hash algorithm, then one byte or one
 * member of a record or of its receipt altered at random, thousands of times. No altered bundle verifies GENUINE unless
 * it says exactly what the genuine one says (a whitespace or escape byte: same canonical record, same receipt values),
 * and such a bundle does verify GENUINE; an unreadable one is a clean refusal. In-process through the verifier behind
 * the API, and a sample through the offline {@code verify} command with the hub's data directory.
 *
 * <p>{@code -Dtampering.seed=N} repeats a run; {@code -Dtampering.mutations=N} and {@code -Dtampering.cli-mutations=N}
 * run more (per algorithm).
 */
class ReceiptTamperingPropertyTests {

    static final long SEED = Long.getLong("tampering.seed", System.nanoTime());
    static final int MUTATIONS = Integer.getInteger("tampering.mutations", 2_000);
    static final int CLI_MUTATIONS = Integer.getInteger("tampering.cli-mutations", 150);

    @TempDir
    static Path dirs;

    static final Map<String, AnchoredHub> HUBS = new ConcurrentHashMap<>();

    static AnchoredHub hub(String algorithm) {
        return HUBS.computeIfAbsent(algorithm, a -> AnchoredHub.start(a, dirs.resolve(a)));
    }

    @AfterAll
    static void stopHubs() {
        HUBS.values().forEach(AnchoredHub::close);
    }

    @Test
    void eachAlteredReceiptMemberIsTamperedNamedByItsPathAndTheAnswerCarriesTheLedgersCoordinates() throws IOException {
        AnchoredHub hub = hub("SHA-256");
        AnchoredHub.Bundle genuine = hub.bundles.get(hub.bundles.size() - 1);
        JsonNode record = AnchoredHub.JSON.readTree(genuine.record());
        Verification.Ledger ledger =
                hub.verifier().verify(record, receipt(genuine, r -> {}), null).ledger();
        Map<String, java.util.function.Consumer<ObjectNode>> edits = new java.util.LinkedHashMap<>();
        edits.put(
                "receipt.digest", r -> r.put("digest", flipped(r.path("digest").asText())));
        edits.put(
                "receipt.proof.merkleRoot",
                r -> ((ObjectNode) r.get("proof"))
                        .put(
                                "merkleRoot",
                                flipped(r.path("proof").path("merkleRoot").asText())));
        edits.put(
                "receipt.treeHead.merkleRoot",
                r -> ((ObjectNode) r.get("treeHead"))
                        .put(
                                "merkleRoot",
                                flipped(r.path("treeHead").path("merkleRoot").asText())));
        edits.put(
                "receipt.ledger.transactionId",
                r -> ((ObjectNode) r.get("ledger"))
                        .put(
                                "transactionId",
                                flipped(r.path("ledger").path("transactionId").asText())));
        edits.put(
                "receipt.ledger.blockNumber",
                r -> ((ObjectNode) r.get("ledger"))
                        .put("blockNumber", r.path("ledger").path("blockNumber").asLong() + 1));
        edits.put(
                "receipt.ledger.anchoredAt",
                r -> ((ObjectNode) r.get("ledger")).put("anchoredAt", "2020-01-01T00:00:00Z"));
        edits.put(
                "receipt.receiptId",
                r -> r.put("receiptId", flipped(r.path("receiptId").asText())));
        edits.put("receipt.acceptedAt", r -> r.put("acceptedAt", "2020-01-01T00:00:00Z"));

        for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> edit : edits.entrySet()) {
            Verification verification = hub.verifier().verify(record, receipt(genuine, edit.getValue()), null);

            assertThat(verification.verdict()).as(edit.getKey()).isIn(Verdict.TAMPERED, Verdict.UNKNOWN);
            assertThat(verification.reasons().get(0)).as(edit.getKey()).contains(edit.getKey());
            if (verification.ledger() != null) {
                assertThat(verification.ledger()).as(edit.getKey()).isEqualTo(ledger);
            }
        }
        assertThat(ledger.blockNumber()).isPositive();
    }

    @Test
    void aReceiptWithTheHubsOwnAnchoringTimeFromBeforeItTookTheLedgersVerifiesWhereTheHubIssuedIt() throws IOException {
        AnchoredHub hub = hub("SHA-256");
        AnchoredHub.Bundle genuine = hub.bundles.get(0);
        JsonNode record = AnchoredHub.JSON.readTree(genuine.record());
        Receipt current = AnchoredHub.JSON.readValue(genuine.receipt(), Receipt.class);
        Instant onLedger = current.ledger().anchoredAt();
        Instant hubClock = onLedger.minusMillis(235);
        JdbcTemplate jdbc = hub.context.getBean(JdbcTemplate.class);
        String batch = current.proof().batchId();
        // a batch anchored before the hub stored the ledger's time: its table holds the hub's clock
        jdbc.update(
                "UPDATE notary_batch SET anchored_at = ? WHERE batch_id = ?", hubClock.atOffset(ZoneOffset.UTC), batch);
        try {
            Receipt issuedThen =
                    receipt(genuine, r -> ((ObjectNode) r.get("ledger")).put("anchoredAt", hubClock.toString()));
            Verification verification = hub.verifier().verify(record, issuedThen, null);

            assertThat(verification.verdict()).isEqualTo(Verdict.GENUINE);
            assertThat(verification.ledger().anchoredAt()).isEqualTo(onLedger.toString());

            Receipt otherTime = receipt(
                    genuine,
                    r -> ((ObjectNode) r.get("ledger"))
                            .put("anchoredAt", hubClock.minusMillis(1).toString()));
            assertThat(hub.verifier().verify(record, otherTime, null).reasons().get(0))
                    .startsWith("receipt.ledger.anchoredAt");
        } finally {
            jdbc.update(
                    "UPDATE notary_batch SET anchored_at = ? WHERE batch_id = ?",
                    onLedger.atOffset(ZoneOffset.UTC),
                    batch);
        }
    }

    private static Receipt receipt(AnchoredHub.Bundle genuine, java.util.function.Consumer<ObjectNode> edit)
            throws IOException {
        ObjectNode receipt = (ObjectNode) AnchoredHub.JSON.readTree(genuine.receipt());
        edit.accept(receipt);
        return AnchoredHub.JSON.treeToValue(receipt, Receipt.class);
    }

    private static String flipped(String hex) {
        return (hex.charAt(0) == 'a' ? 'b' : 'a') + hex.substring(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA-256", "SM3"})
    void noAlteredRecordOrReceiptVerifiesGenuine(String algorithm) throws IOException {
        AnchoredHub hub = hub(algorithm);
        for (AnchoredHub.Bundle genuine : hub.bundles) {
            assertThat(inProcess(hub, genuine, bytes(genuine.record()), bytes(genuine.receipt())))
                    .as("the untouched bundle")
                    .isEqualTo("GENUINE (identical)");
        }
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < MUTATIONS; i++) {
            AnchoredHub.Bundle genuine = hub.bundles.get(random.nextInt(hub.bundles.size()));
            Mutation mutation = Mutation.of(genuine, random);
            String outcome;
            try {
                outcome = inProcess(hub, genuine, mutation.record(), mutation.receipt());
            } catch (RuntimeException e) {
                outcome = "EXCEPTION " + e + " at " + where(e);
            }
            outcomes.merge(mutation.kind() + " " + outcome.replaceAll(":.*", ""), 1, Integer::sum);
            if (outcome.startsWith("EXCEPTION") || outcome.startsWith("WRONG")) {
                wrong.add(mutation.description() + " => " + outcome);
            }
        }
        report("in-process " + algorithm, MUTATIONS, outcomes);
        assertThat(wrong)
                .as("seed %d: altered bundles verified GENUINE or threw", SEED)
                .isEmpty();
        assertThat(outcomes.keySet()).as("field alterations that were caught").anyMatch(k -> k.contains("TAMPERED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA-256", "SM3"})
    void noAlteredBundleExitsZeroFromTheOfflineVerifyCommand(String algorithm) throws IOException {
        AnchoredHub hub = hub(algorithm);
        Random random = new Random(SEED ^ 0x5eed);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Path files = Files.createDirectories(dirs.resolve("cli-" + algorithm));
        for (int i = 0; i < CLI_MUTATIONS; i++) {
            AnchoredHub.Bundle genuine = hub.bundles.get(random.nextInt(hub.bundles.size()));
            Mutation mutation = Mutation.of(genuine, random);
            Path record = Files.write(files.resolve(i + ".json"), mutation.record());
            Path receipt = Files.write(files.resolve(i + ".receipt.json"), mutation.receipt());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = HubCommands.run(
                    new PrintWriter(out),
                    new PrintWriter(err),
                    "verify",
                    "--record",
                    record.toString(),
                    "--receipt",
                    receipt.toString(),
                    "--data-dir",
                    hub.dataDir.toString());
            boolean identical = identical(genuine, mutation);
            String outcome = exit == 0 ? "GENUINE" : exit == 2 ? "refused" : verdict(out.toString());
            outcomes.merge(mutation.kind() + " " + outcome + (identical ? " (identical)" : ""), 1, Integer::sum);
            if ((exit == 0) != identical) {
                wrong.add(mutation.description() + " => exit " + exit + (identical ? " for an unchanged bundle " : " ")
                        + out + err);
            }
        }
        report("offline CLI " + algorithm, CLI_MUTATIONS, outcomes);
        assertThat(wrong)
                .as("seed %d: altered bundles exited 0 (GENUINE)", SEED)
                .isEmpty();
    }

    /** One altered bundle: the record's or the receipt's text, one byte or one member. */
    record Mutation(String kind, String description, byte[] record, byte[] receipt) {
        static Mutation of(AnchoredHub.Bundle genuine, Random random) {
            byte[] record = bytes(genuine.record());
            byte[] receipt = bytes(genuine.receipt());
            return switch (random.nextInt(4)) {
                case 0 -> {
                    Tampering.Altered a = Tampering.oneByte(record, random);
                    yield new Mutation("record-byte", "record " + a.description(), a.text(), receipt);
                }
                case 1 -> {
                    Tampering.Altered a = Tampering.oneByte(receipt, random);
                    yield new Mutation("receipt-byte", "receipt " + a.description(), record, a.text());
                }
                case 2 -> {
                    Tampering.Altered a = Tampering.oneMember(record, random);
                    yield new Mutation("record-field", "record " + a.description(), a.text(), receipt);
                }
                default -> {
                    Tampering.Altered a = Tampering.oneMember(receipt, random);
                    yield new Mutation("receipt-field", "receipt " + a.description(), record, a.text());
                }
            };
        }
    }

    /**
     * Verifies as the API does once the JSON is read. GENUINE is right only for a bundle that says exactly what the
     * genuine one says, and such a bundle must be GENUINE; "WRONG" otherwise.
     */
    static String inProcess(AnchoredHub hub, AnchoredHub.Bundle genuine, byte[] recordText, byte[] receiptText) {
        JsonNode record;
        Receipt receipt;
        try {
            record = AnchoredHub.JSON.readTree(recordText);
            receipt = AnchoredHub.JSON.readValue(receiptText, Receipt.class);
        } catch (IOException e) {
            return "refused: unreadable";
        }
        boolean identical;
        try {
            identical = record != null && AnchoredHub.sameAsGenuine(genuine, record, receipt);
        } catch (IOException | RuntimeException e) {
            identical = false; // no canonical form: certainly not the genuine record
        }
        Verdict verdict;
        try {
            verdict = hub.verifier().verify(record, receipt, null).verdict();
        } catch (ApiException e) {
            return identical ? "WRONG: an unchanged bundle refused: " + e.getMessage() : "refused: " + e.getMessage();
        }
        if (verdict == Verdict.GENUINE) {
            return identical ? "GENUINE (identical)" : "WRONG: GENUINE";
        }
        return identical ? "WRONG: an unchanged bundle is " + verdict : verdict.name();
    }

    private static boolean identical(AnchoredHub.Bundle genuine, Mutation mutation) {
        try {
            JsonNode record = AnchoredHub.JSON.readTree(mutation.record());
            Receipt receipt = AnchoredHub.JSON.readValue(mutation.receipt(), Receipt.class);
            return record != null && AnchoredHub.sameAsGenuine(genuine, record, receipt);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String verdict(String out) {
        try {
            return AnchoredHub.JSON.readTree(out).path("verdict").asText("no verdict");
        } catch (IOException e) {
            return "no verdict";
        }
    }

    private static void report(String run, int mutations, Map<String, Integer> outcomes) {
        Map<String, Integer> byOutcome = new TreeMap<>();
        outcomes.forEach((k, v) -> byOutcome.merge(k.substring(k.indexOf(' ') + 1), v, Integer::sum));
        System.out.printf(
                "Tampering %s: seed %d, %d mutations; by outcome %s; by kind and outcome %s%n",
                run, SEED, mutations, byOutcome, outcomes);
    }

    /** The project's frames of an unexpected exception's stack, for the failure message. */
    static String where(Throwable e) {
        return java.util.Arrays.stream(e.getStackTrace())
                .filter(f -> f.getClassName().startsWith("org.exchangehub"))
                .limit(4)
                .map(StackTraceElement::toString)
                .collect(java.util.stream.Collectors.joining(" < "));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
