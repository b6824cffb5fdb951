package org.exchangehub.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.when;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * Fuzzes the notary contract's transactions with arbitrary argument strings, as a peer hands them over, on a ledger
 * with two anchored batches. Invariant: the transaction succeeds with JSON, or refuses with a {@link ChaincodeException}
 * whose payload is one of the {@link NotaryError} codes and leaves the world state as it was; an EVALUATE transaction
 * never writes; {@code VerifyInclusion} says {@code "included":true} only for a leaf the batch really holds. Never any
 * other exception.
 *
 * <p>An input is UTF-8 lines: the transaction name, the caller ({@code <MSP id>}, or {@code <MSP id> admin} for a
 * notary admin), then the arguments. An argument count or a number the shim could not convert never reaches the
 * contract (the shim refuses it), so such inputs end the run early. Fuzzing mode: {@code JAZZER_FUZZ=1}; {@code mvn
 * test} replays {@code NotaryContractFuzzTestsInputs/}.
 */
class NotaryContractFuzzTests {

    static final String SHA256_BATCH = "batch-2026-11-23-0001";
    static final String SM3_BATCH = "batch-2026-11-23-0002";
    private static final Set<String> EVALUATE =
            Set.of("ListAuthorizedMsps", "GetBatch", "VerifyInclusion", "ListBatches");
    private static final Set<String> CODES =
            Arrays.stream(NotaryError.values()).map(Enum::name).collect(Collectors.toSet());
    private static final HexFormat HEX = HexFormat.of();

    private static final NotaryContract CONTRACT = new NotaryContract();
    private static final MockLedger LEDGER = new MockLedger().authorized("Org1MSP", "Org2MSP");
    private static final Caller CALLER = new Caller();
    private static final X509Certificate CERTIFICATE = LEDGER.identity.getX509Certificate();
    /** Leaf hashes the anchored batches really hold: batch id, index and hash. */
    private static final Set<String> GENUINE_LEAVES;

    private static final Map<String, String> ANCHORED;

    static {
        when(LEDGER.identity.getMSPID()).thenAnswer(call -> CALLER.mspId);
        when(LEDGER.identity.assertAttributeValue(anyString(), anyString()))
                .thenAnswer(call -> CALLER.admin
                        && call.getArgument(0).equals(AdminIdentity.ADMIN_ATTRIBUTE)
                        && call.getArgument(1).equals("true"));
        MerkleTree sha256 = MerkleTree.fromLeafData(
                MerkleHasher.of(DigestAlgorithm.SHA_256),
                IntStream.range(0, 5)
                        .mapToObj(i -> ("leaf-" + i).getBytes(UTF_8))
                        .toList());
        MerkleTree sm3 =
                MerkleTree.fromLeafData(MerkleHasher.of(DigestAlgorithm.SM3), List.of("only-leaf".getBytes(UTF_8)));
        CALLER.mspId = "Org1MSP";
        CONTRACT.AnchorBatch(LEDGER.ctx, SHA256_BATCH, HEX.formatHex(sha256.root()), sha256.size(), "SHA-256");
        CONTRACT.AnchorBatch(LEDGER.ctx, SM3_BATCH, HEX.formatHex(sm3.root()), sm3.size(), "SM3");
        ANCHORED = Map.copyOf(LEDGER.state);
        List<String> genuine = new ArrayList<>();
        for (int i = 0; i < sha256.size(); i++) {
            genuine.add(SHA256_BATCH + "#" + i + "#" + HEX.formatHex(sha256.leafHash(i)));
        }
        genuine.add(SM3_BATCH + "#0#" + HEX.formatHex(sm3.leafHash(0)));
        GENUINE_LEAVES = Set.copyOf(genuine);
    }

    @FuzzTest
    void transactionSucceedsOrRefusesWithANamedCodeAndNoWrite(byte[] input) {
        List<String> lines = List.of(new String(input, UTF_8).split("\n", -1));
        if (lines.size() < 2) {
            return;
        }
        String transaction = lines.get(0);
        List<String> args = lines.subList(2, lines.size());
        LEDGER.state.clear();
        LEDGER.state.putAll(ANCHORED);
        // Mockito keeps every call to a mock otherwise: gigabytes in a fuzzing run.
        clearInvocations(LEDGER.ctx, LEDGER.stub, LEDGER.identity, CERTIFICATE);
        String[] caller = lines.get(1).split(" ", 2);
        CALLER.mspId = caller[0];
        CALLER.admin = caller.length == 2 && caller[1].equals("admin");

        String result;
        try {
            result = call(transaction, args);
        } catch (ShimRefusal notForTheContract) {
            return;
        } catch (ChaincodeException refused) {
            String code = new String(refused.getPayload(), UTF_8);
            assertThat(CODES).contains(code);
            assertThat(refused.getMessage()).startsWith(code + ": ");
            assertThat(LEDGER.state).as("state after a refusal").isEqualTo(new TreeMap<>(ANCHORED));
            return;
        }
        assertThat(result).isNotNull();
        Object json = new JSONTokener(result).nextValue();
        if (EVALUATE.contains(transaction)) {
            assertThat(LEDGER.state).as("state after an EVALUATE").isEqualTo(new TreeMap<>(ANCHORED));
        }
        if (transaction.equals("VerifyInclusion") && ((JSONObject) json).getBoolean("included")) {
            String leaf = args.get(0) + "#" + ((JSONObject) json).getLong("leafIndex") + "#"
                    + args.get(1).toLowerCase(java.util.Locale.ROOT);
            assertThat(GENUINE_LEAVES).as("an included leaf").contains(leaf);
        }
    }

    private static String call(String transaction, List<String> args) {
        return switch (transaction) {
            case "AnchorBatch" -> {
                arity(args, 4);
                yield CONTRACT.AnchorBatch(LEDGER.ctx, args.get(0), args.get(1), int64(args.get(2)), args.get(3));
            }
            case "AuthorizeMsp" -> {
                arity(args, 1);
                yield CONTRACT.AuthorizeMsp(LEDGER.ctx, args.get(0));
            }
            case "RevokeMsp" -> {
                arity(args, 1);
                yield CONTRACT.RevokeMsp(LEDGER.ctx, args.get(0));
            }
            case "ListAuthorizedMsps" -> {
                arity(args, 0);
                yield CONTRACT.ListAuthorizedMsps(LEDGER.ctx);
            }
            case "GetBatch" -> {
                arity(args, 1);
                yield CONTRACT.GetBatch(LEDGER.ctx, args.get(0));
            }
            case "VerifyInclusion" -> {
                arity(args, 3);
                yield CONTRACT.VerifyInclusion(LEDGER.ctx, args.get(0), args.get(1), args.get(2));
            }
            case "ListBatches" -> {
                arity(args, 2);
                yield CONTRACT.ListBatches(LEDGER.ctx, int64(args.get(0)), int32(args.get(1)));
            }
            default -> throw new ShimRefusal();
        };
    }

    private static void arity(List<String> args, int expected) {
        if (args.size() != expected) {
            throw new ShimRefusal();
        }
    }

    private static long int64(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ShimRefusal();
        }
    }

    private static int int32(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ShimRefusal();
        }
    }

    /** What the shim refuses before the contract runs: an unknown function, a wrong arity, a non-number. */
    private static final class ShimRefusal extends RuntimeException {}

    /** Who calls: read by the identity mock, set per input. */
    private static final class Caller {
        volatile String mspId;
        volatile boolean admin;
    }
}
