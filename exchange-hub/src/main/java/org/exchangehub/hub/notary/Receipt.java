package org.exchangehub.hub.notary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.exchangehub.hub.ledger.LedgerCoordinates;
import org.exchangehub.hub.record.SourceSignature;

/**
 * What a receiver gets with a record to prove it genuine without trusting the hub: the record's digest, its Merkle
 * audit path to the batch root, the hub's signed tree head for that batch, and where the root is anchored on the
 * ledger. {@code proof}, {@code treeHead} and {@code ledger} are absent while the record is PENDING. {@code
 * sourceSignature}, when the publishing agency signed the record itself, is its detached JWS over the canonical record
 * (docs/security.md): who produced the record, provable without the hub.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        String receiptId,
        Status status,
        RecordRef record,
        String digest,
        String hashAlgorithm,
        Instant acceptedAt,
        Proof proof,
        SignedTreeHead treeHead,
        Ledger ledger,
        SourceSignature sourceSignature) {

    /** PENDING: accepted, not yet anchored; ANCHORED: the batch root is on the ledger. */
    public enum Status {
        PENDING,
        ANCHORED
    }

    public record RecordRef(String type, String id, int version, String source) {}

    /** The leaf's place in its batch and the sibling hashes (hex, leaf side first) up to the root. */
    public record Proof(String batchId, long leafIndex, long treeSize, List<String> auditPath, String merkleRoot) {}

    /** The hub's signature over {@link TreeHead#statement()} and the certificate to check it with. */
    public record SignedTreeHead(
            String batchId,
            String hashAlgorithm,
            String merkleRoot,
            long treeSize,
            Instant sealedAt,
            String signatureAlgorithm,
            String signature,
            String signerCertificate) {

        public TreeHead head() {
            return new TreeHead(batchId, hashAlgorithm, merkleRoot, treeSize, sealedAt);
        }
    }

    /** Where the batch root was anchored. */
    public record Ledger(String mode, String channel, String transactionId, long blockNumber, Instant anchoredAt) {

        static Ledger of(LedgerCoordinates coordinates, Instant anchoredAt) {
            return new Ledger(
                    coordinates.mode().name().toLowerCase(java.util.Locale.ROOT),
                    coordinates.channel(),
                    coordinates.transactionId(),
                    coordinates.blockNumber(),
                    anchoredAt);
        }
    }
}
