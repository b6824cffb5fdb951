package org.exchangehub.hub.ledger.embedded;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.exchangehub.certs.digest.DigestAlgorithm;

/**
 * How the embedded ledger hashes its blocks (SHA-256). A block's data hash covers its transaction (id, function,
 * arguments, creator, time, result, event) and its write set in key order, each field length-prefixed so that no two
 * different blocks encode alike; the block hash covers the block number, the previous block's hash, the data hash and
 * the block's time. Changing any committed byte changes the block hash, and so every later block's link.
 */
final class BlockHashes {

    static final String GENESIS_PREVIOUS_HASH = "0".repeat(64);

    private BlockHashes() {}

    static String dataHash(LedgerStore.CommittedTransaction tx, List<LedgerStore.Write> writes) {
        Encoder out = new Encoder();
        out.text(tx.transactionId());
        out.number(tx.blockNumber());
        out.text(tx.function());
        out.text(tx.arguments());
        out.text(tx.creatorMspId());
        out.text(tx.creatorCertificate());
        out.time(tx.time());
        out.text(tx.result());
        out.text(tx.eventName());
        out.bytes(tx.eventPayload());
        out.number(writes.size());
        for (LedgerStore.Write write : writes) {
            out.text(write.key());
            out.bytes(write.value());
        }
        return out.sha256();
    }

    static String blockHash(long number, String previousHash, String dataHash, Instant createdAt) {
        Encoder out = new Encoder();
        out.number(number);
        out.text(previousHash);
        out.text(dataHash);
        out.time(createdAt);
        return out.sha256();
    }

    /** Length-prefixed fields; null and empty are told apart. */
    private static final class Encoder {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final DataOutputStream data = new DataOutputStream(buffer);

        void text(String value) {
            bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] value) {
            try {
                if (value == null) {
                    data.writeInt(-1);
                } else {
                    data.writeInt(value.length);
                    data.write(value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void number(long value) {
            try {
                data.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void time(Instant value) {
            number(value.getEpochSecond());
            number(value.getNano());
        }

        String sha256() {
            return HexFormat.of().formatHex(DigestAlgorithm.SHA_256.digest(buffer.toByteArray()));
        }
    }
}
