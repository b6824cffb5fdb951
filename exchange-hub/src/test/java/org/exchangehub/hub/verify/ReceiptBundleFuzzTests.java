package org.exchangehub.hub.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.notary.Receipt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.util.FileSystemUtils;

/**
 * Receipt bundles ({@code {"record", "receipt"}}, the verify page's bundle.json and the body of {@code POST
 * /api/v1/verify}) read with the hub's own ObjectMapper and verified against a hub with records anchored on its
 * embedded ledger: fuzzed text, fuzzed bytes spliced into a genuine bundle, or random member alterations of one. Each
 * input is refused cleanly (unreadable JSON, a 4xx {@link ApiException}) or gets a verdict, never another exception;
 * and it is GENUINE only when it says exactly what a genuine bundle says.
 *
 * <p>The first input byte chooses the genuine bundle, the second how it is altered.
 */
class ReceiptBundleFuzzTests {

    static Path dataDir;
    static AnchoredHub hub;
    static ObjectMapper requestJson;

    @BeforeAll
    static void hubWithAnchoredRecords() throws IOException {
        dataDir = Files.createTempDirectory("receipt-bundle-fuzz");
        hub = AnchoredHub.start("SHA-256", dataDir);
        requestJson = hub.context.getBean(ObjectMapper.class);
    }

    @AfterAll
    static void stopHub() throws IOException {
        hub.close();
        FileSystemUtils.deleteRecursively(dataDir);
    }

    @FuzzTest
    void aBundleIsRefusedOrGetsAVerdictAndIsGenuineOnlyUnaltered(FuzzedDataProvider data) {
        AnchoredHub.Bundle genuine = hub.bundles.get(data.consumeInt(0, hub.bundles.size() - 1));
        byte[] bundle = genuine.asBundleJson().getBytes(StandardCharsets.UTF_8);
        byte[] input = switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeRemainingAsBytes();
            case 1 -> spliced(bundle, data);
            case 2 -> altered(genuine, data);
            default -> bundle;
        };

        VerifyRequest request;
        try {
            request = requestJson.readValue(input, VerifyRequest.class);
        } catch (IOException e) {
            return; // a clean refusal: 400 from the API, "not JSON" on the page, exit 2 from the CLI
        }
        if (request == null) {
            return;
        }
        Verification verification;
        try {
            verification = hub.verifier().verify(request.record(), request.receipt(), request.digest());
        } catch (ApiException e) {
            assertThat(e.problem().status().is4xxClientError())
                    .as("a refusal is a client error: %s", e.getMessage())
                    .isTrue();
            return;
        }
        assertThat(verification.verdict()).isNotNull();
        assertThat(verification.reasons()).isNotEmpty();
        if (verification.verdict() == Verdict.GENUINE) {
            assertThat(hub.bundles.stream().anyMatch(b -> saysWhatItSays(b, request)))
                    .as("GENUINE for a bundle that differs from every genuine one: %s", Tampering.text(input))
                    .isTrue();
        }
    }

    /** Fuzzed bytes written over a genuine bundle at a fuzzed place. */
    private static byte[] spliced(byte[] bundle, FuzzedDataProvider data) {
        byte[] out = bundle.clone();
        int at = data.consumeInt(0, out.length - 1);
        byte[] patch = data.consumeBytes(32);
        System.arraycopy(patch, 0, out, at, Math.min(patch.length, out.length - at));
        return out;
    }

    /** One to three random member or byte alterations of the record or the receipt, from a fuzzed seed. */
    private static byte[] altered(AnchoredHub.Bundle genuine, FuzzedDataProvider data) {
        Random random = new Random(data.consumeLong());
        byte[] record = genuine.record().getBytes(StandardCharsets.UTF_8);
        byte[] receipt = genuine.receipt().getBytes(StandardCharsets.UTF_8);
        int times = data.consumeInt(1, 3);
        for (int i = 0; i < times; i++) {
            boolean ofRecord = data.consumeBoolean();
            byte[] target = ofRecord ? record : receipt;
            byte[] changed;
            try {
                changed = data.consumeBoolean()
                        ? Tampering.oneMember(target, random).text()
                        : Tampering.oneByte(target, random).text();
            } catch (RuntimeException e) {
                changed = Tampering.oneByte(target, random).text(); // a byte before made it unreadable
            }
            if (ofRecord) {
                record = changed;
            } else {
                receipt = changed;
            }
        }
        byte[] open = "{\"record\":".getBytes(StandardCharsets.UTF_8);
        byte[] middle = ",\"receipt\":".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[open.length + record.length + middle.length + receipt.length + 1];
        int at = 0;
        for (byte[] part : new byte[][] {open, record, middle, receipt, {'}'}}) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /**
     * Whether what was given (record, receipt, or a bare digest when neither) is, part by part, exactly a genuine
     * bundle's: the same canonical record, the same receipt values, the same digest.
     */
    private static boolean saysWhatItSays(AnchoredHub.Bundle genuine, VerifyRequest request) {
        try {
            JsonNode record = AnchoredHub.JSON.readTree(genuine.record());
            Receipt receipt = AnchoredHub.JSON.readValue(genuine.receipt(), Receipt.class);
            if (request.record() == null && request.receipt() == null) {
                return receipt.digest().equalsIgnoreCase(request.digest());
            }
            return (request.record() == null
                            || Arrays.equals(
                                    JsonCanonicalizer.canonicalize(record),
                                    JsonCanonicalizer.canonicalize(request.record())))
                    && (request.receipt() == null || receipt.equals(request.receipt()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
