package org.exchangehub.hub.notary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.SourceSignature;
import org.exchangehub.hub.record.StoredRecord;
import org.exchangehub.merkle.InclusionProof;
import org.springframework.stereotype.Component;

/**
 * Assembles receipts from a record version, its place in the record log and its batch; the audit path is computed
 * from the batch's tree ({@link BatchTrees}), which is stored once, as the batch's range of log positions.
 */
@Component
public class Receipts {

    private final RecordStore records;
    private final NotaryStore notary;
    private final BatchTrees trees;

    Receipts(RecordStore records, NotaryStore notary, BatchTrees trees) {
        this.records = records;
        this.notary = notary;
        this.trees = trees;
    }

    /** Receipts read straight from a hub's database, as the offline tools do (a few batches' trees kept). */
    public static Receipts reading(RecordStore records, NotaryStore notary) {
        return new Receipts(records, notary, new BatchTrees(notary, 4));
    }

    public Optional<Receipt> byId(String receiptId) {
        return records.byReceipt(receiptId).map(this::of);
    }

    /** The receipt of a stored version, as complete as its notarization is. */
    public Receipt of(StoredRecord record) {
        return ofAll(List.of(record)).get(0);
    }

    /**
     * The receipts of stored versions, in their order: a few queries for all of them (their positions, the batches
     * holding those, the source signatures), not a few per version.
     */
    public List<Receipt> ofAll(List<StoredRecord> versions) {
        if (versions.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> positions =
                notary.positions(versions.stream().map(StoredRecord::seq).toList());
        List<NotaryStore.Batch> batches = positions.isEmpty()
                ? List.of()
                : notary.batchesBetween(
                        positions.values().stream()
                                .mapToLong(Long::longValue)
                                .min()
                                .orElseThrow(),
                        positions.values().stream()
                                .mapToLong(Long::longValue)
                                .max()
                                .orElseThrow());
        Map<String, SourceSignature> signatures = records.sourceSignatures(
                versions.stream().map(StoredRecord::receiptId).toList());
        List<Receipt> receipts = new ArrayList<>(versions.size());
        for (StoredRecord version : versions) {
            Long position = positions.get(version.seq());
            NotaryStore.Batch batch = position == null ? null : holding(batches, position);
            receipts.add(receipt(version, position, batch, signatures.get(version.receiptId())));
        }
        return receipts;
    }

    /** The log position of a sealed version. */
    public Optional<Long> position(StoredRecord version) {
        return Optional.ofNullable(notary.positions(List.of(version.seq())).get(version.seq()));
    }

    private Receipt receipt(StoredRecord record, Long position, NotaryStore.Batch b, SourceSignature signature) {
        Receipt.RecordRef ref =
                new Receipt.RecordRef(record.type().name(), record.id(), record.version(), record.source());
        if (b == null) {
            return new Receipt(
                    record.receiptId(),
                    Receipt.Status.PENDING,
                    ref,
                    record.digest(),
                    record.hashAlgorithm(),
                    record.acceptedAt(),
                    null,
                    null,
                    null,
                    signature);
        }
        int leafIndex = Math.toIntExact(position - b.firstPosition());
        InclusionProof inclusion = trees.proof(b, leafIndex);
        Receipt.Proof proof =
                new Receipt.Proof(b.batchId(), leafIndex, b.leafCount(), inclusion.pathHex(), b.merkleRoot());
        Receipt.SignedTreeHead head = new Receipt.SignedTreeHead(
                b.batchId(),
                b.hashAlgorithm(),
                b.merkleRoot(),
                b.leafCount(),
                b.sealedAt(),
                b.signatureAlgorithm(),
                b.headSignature(),
                b.signerCertificate());
        boolean anchored = b.coordinates() != null;
        return new Receipt(
                record.receiptId(),
                anchored ? Receipt.Status.ANCHORED : Receipt.Status.PENDING,
                ref,
                record.digest(),
                record.hashAlgorithm(),
                record.acceptedAt(),
                proof,
                head,
                anchored ? Receipt.Ledger.of(b.coordinates(), b.anchoredAt()) : null,
                signature);
    }

    private static NotaryStore.Batch holding(List<NotaryStore.Batch> batches, long position) {
        // batches are in log order and few: a binary search over their first positions
        int low = 0;
        int high = batches.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            NotaryStore.Batch b = batches.get(mid);
            if (b.holds(position)) {
                return b;
            } else if (position < b.firstPosition()) {
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        return null;
    }
}
