package org.exchangehub.hub.notary;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.StoredRecord;
import org.springframework.stereotype.Component;

/** Assembles receipts from a record version, its leaf and its batch. */
@Component
public class Receipts {

    private final RecordStore records;
    private final NotaryStore notary;

    public Receipts(RecordStore records, NotaryStore notary) {
        this.records = records;
        this.notary = notary;
    }

    public Optional<Receipt> byId(String receiptId) {
        return records.byReceipt(receiptId).map(this::of);
    }

    /** The receipt of a stored version, as complete as its notarization is. */
    public Receipt of(StoredRecord record) {
        Receipt.RecordRef ref =
                new Receipt.RecordRef(record.type().name(), record.id(), record.version(), record.source());
        Optional<NotaryStore.Leaf> leaf = notary.leaf(record.seq()).filter(l -> l.batchId() != null);
        Optional<NotaryStore.Batch> batch = leaf.flatMap(l -> notary.batch(l.batchId()));
        if (leaf.isEmpty() || batch.isEmpty()) {
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
                    records.sourceSignature(record.receiptId()).orElse(null));
        }
        NotaryStore.Batch b = batch.get();
        int hashLength = DigestAlgorithm.byName(b.hashAlgorithm()).length();
        Receipt.Proof proof = new Receipt.Proof(
                b.batchId(),
                leaf.get().leafIndex(),
                b.leafCount(),
                split(leaf.get().auditPath(), hashLength),
                b.merkleRoot());
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
                records.sourceSignature(record.receiptId()).orElse(null));
    }

    private static List<String> split(byte[] path, int hashLength) {
        List<String> hashes = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (int i = 0; path != null && i < path.length; i += hashLength) {
            hashes.add(hex.formatHex(path, i, i + hashLength));
        }
        return hashes;
    }
}
