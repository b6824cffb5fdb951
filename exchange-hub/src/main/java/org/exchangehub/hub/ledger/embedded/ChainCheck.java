package org.exchangehub.hub.ledger.embedded;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.exchangehub.certs.sign.SignatureAlgorithm;

/**
 * Walks the embedded ledger from the first block to the head: each block's transaction and write set must hash to
 * its data hash, its hash must cover the previous block's hash, its signature must verify, and the world state must
 * be exactly what replaying every write gives. The first violation found is reported with its block or key.
 */
final class ChainCheck {

    private final LedgerStore store;
    private final Predicate<X509Certificate> trustedSigner;

    ChainCheck(LedgerStore store, Predicate<X509Certificate> trustedSigner) {
        this.store = store;
        this.trustedSigner = trustedSigner;
    }

    /**
     * Runs inside a transaction. Committed blocks never change, so they are walked without a lock up to the head seen
     * at the start; then the head is locked (every commit takes that lock first) for the rest — the blocks committed
     * meanwhile, the head's hash, nothing beyond it, and the world state — so that all of it is read as of one height.
     * Commits wait only for that last part.
     */
    ChainCheckResult run() {
        Walk walk = new Walk();
        ChainCheckResult broken = walk.to(store.head().height());
        if (broken != null) {
            return broken;
        }
        LedgerStore.Head head = store.lockHead();
        broken = walk.to(head.height());
        if (broken != null) {
            return broken;
        }
        if (!walk.previous.equals(head.headHash())) {
            return ChainCheckResult.broken(head.height(), -1, "the ledger head does not point at the last block");
        }
        if (store.block(head.height()).isPresent()) {
            return ChainCheckResult.broken(
                    head.height(), head.height(), "block " + head.height() + " lies beyond the head");
        }
        return checkState(head.height(), walk.replayed);
    }

    /** The blocks checked so far: the next one's number, the last one's hash, the world state their writes give. */
    private final class Walk {

        private final Map<String, byte[]> replayed = new TreeMap<>(KeyOrder.UTF8);
        private String previous = BlockHashes.GENESIS_PREVIOUS_HASH;
        private long next;

        /** Checks the blocks from {@code next} up to {@code height} (exclusive); the first violation, or null. */
        ChainCheckResult to(long height) {
            for (; next < height; next++) {
                ChainCheckResult broken = check(next, height);
                if (broken != null) {
                    return broken;
                }
            }
            return null;
        }

        private ChainCheckResult check(long number, long height) {
            Optional<LedgerStore.Block> found = store.block(number);
            if (found.isEmpty()) {
                return ChainCheckResult.broken(height, number, "block " + number + " is missing");
            }
            LedgerStore.Block block = found.get();
            Optional<LedgerStore.CommittedTransaction> tx = store.transactionInBlock(number);
            if (tx.isEmpty()) {
                return ChainCheckResult.broken(height, number, "the transaction of block " + number + " is missing");
            }
            var writes = store.writesOfBlock(number);
            String dataHash = BlockHashes.dataHash(tx.get(), writes);
            if (!dataHash.equals(block.dataHash())) {
                return ChainCheckResult.broken(
                        height,
                        number,
                        "block " + number + ": its transaction or write set does not match its data hash");
            }
            if (!previous.equals(block.previousHash())) {
                return ChainCheckResult.broken(
                        height, number, "block " + number + " does not link to the hash of block " + (number - 1));
            }
            String blockHash = BlockHashes.blockHash(number, block.previousHash(), dataHash, block.createdAt());
            if (!blockHash.equals(block.blockHash())) {
                return ChainCheckResult.broken(
                        height, number, "block " + number + ": its hash does not match its content");
            }
            Optional<X509Certificate> signer = certificate(block.signerCertificate());
            if (signer.isEmpty() || !trustedSigner.test(signer.get())) {
                return ChainCheckResult.broken(
                        height, number, "block " + number + " is signed by an untrusted certificate");
            }
            if (!signatureValid(block, signer.get())) {
                return ChainCheckResult.broken(height, number, "block " + number + ": its signature does not verify");
            }
            for (LedgerStore.Write write : writes) {
                if (write.isDelete()) {
                    replayed.remove(write.key());
                } else {
                    replayed.put(write.key(), write.value());
                }
            }
            previous = blockHash;
            return null;
        }
    }

    private ChainCheckResult checkState(long height, Map<String, byte[]> replayed) {
        Map<String, byte[]> actual = new TreeMap<>(KeyOrder.UTF8);
        store.allState().forEach(entry -> actual.put(entry.getKey(), entry.getValue()));
        for (Map.Entry<String, byte[]> expected : replayed.entrySet()) {
            byte[] value = actual.remove(expected.getKey());
            if (value == null || !Arrays.equals(value, expected.getValue())) {
                return ChainCheckResult.broken(
                        height,
                        -1,
                        "world state for key '" + printable(expected.getKey())
                                + "' does not match the ledger's history");
            }
        }
        if (!actual.isEmpty()) {
            return ChainCheckResult.broken(
                    height,
                    -1,
                    "world state holds key '"
                            + printable(actual.keySet().iterator().next()) + "' that no block wrote");
        }
        return ChainCheckResult.ok(height);
    }

    private static Optional<X509Certificate> certificate(String pem) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean signatureValid(LedgerStore.Block block, X509Certificate certificate) {
        try {
            return SignatureAlgorithm.ECDSA_P256.verify(
                    certificate,
                    HexFormat.of().parseHex(block.blockHash()),
                    Base64.getDecoder().decode(block.signature()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String printable(String key) {
        return key.replace("\u0000", "\\u0000");
    }
}
