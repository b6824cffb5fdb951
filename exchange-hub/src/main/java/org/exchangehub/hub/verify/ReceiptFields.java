package org.exchangehub.hub.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.exchangehub.hub.notary.Receipt;

/**
 * The field-by-field checks of a receipt that need no cryptography: which members a receipt must carry for its status,
 * and where a given receipt differs from the one the hub issued. A difference is named by its JSON path ({@code
 * receipt.ledger.blockNumber}), so a TAMPERED verdict says which field was altered.
 */
final class ReceiptFields {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** What a receipt issued while PENDING lacks and gains once its batch is sealed and anchored. */
    private static final Set<String> GAINED_WHEN_ANCHORED = Set.of("proof", "treeHead", "ledger");

    private ReceiptFields() {}

    /** The path of the first member a receipt of its status must carry and does not, if any. */
    static Optional<String> missing(Receipt receipt) {
        if (receipt.receiptId() == null) {
            return Optional.of("receipt.receiptId");
        }
        if (receipt.status() == null) {
            return Optional.of("receipt.status");
        }
        if (receipt.record() == null) {
            return Optional.of("receipt.record");
        }
        Receipt.RecordRef ref = receipt.record();
        if (ref.type() == null || ref.id() == null || ref.source() == null) {
            return Optional.of("receipt.record." + (ref.type() == null ? "type" : ref.id() == null ? "id" : "source"));
        }
        if (receipt.digest() == null) {
            return Optional.of("receipt.digest");
        }
        if (receipt.hashAlgorithm() == null) {
            return Optional.of("receipt.hashAlgorithm");
        }
        if (receipt.acceptedAt() == null) {
            return Optional.of("receipt.acceptedAt");
        }
        if (receipt.status() == Receipt.Status.ANCHORED) {
            if (receipt.proof() == null) {
                return Optional.of("receipt.proof");
            }
            if (receipt.treeHead() == null) {
                return Optional.of("receipt.treeHead");
            }
            if (receipt.ledger() == null) {
                return Optional.of("receipt.ledger");
            }
        }
        if (receipt.proof() != null) {
            Receipt.Proof proof = receipt.proof();
            if (proof.batchId() == null) {
                return Optional.of("receipt.proof.batchId");
            }
            if (proof.merkleRoot() == null) {
                return Optional.of("receipt.proof.merkleRoot");
            }
            if (proof.auditPath() == null) {
                return Optional.of("receipt.proof.auditPath");
            }
            for (int i = 0; i < proof.auditPath().size(); i++) {
                if (proof.auditPath().get(i) == null) {
                    return Optional.of("receipt.proof.auditPath[" + i + "]");
                }
            }
            if (receipt.treeHead() == null) {
                return Optional.of("receipt.treeHead");
            }
        }
        if (receipt.treeHead() != null) {
            Receipt.SignedTreeHead head = receipt.treeHead();
            String[][] members = {
                {"batchId", head.batchId()},
                {"hashAlgorithm", head.hashAlgorithm()},
                {"merkleRoot", head.merkleRoot()},
                {"sealedAt", head.sealedAt() == null ? null : ""},
                {"signatureAlgorithm", head.signatureAlgorithm()},
                {"signature", head.signature()},
                {"signerCertificate", head.signerCertificate()}
            };
            for (String[] member : members) {
                if (member[1] == null) {
                    return Optional.of("receipt.treeHead." + member[0]);
                }
            }
        }
        if (receipt.ledger() != null) {
            Receipt.Ledger ledger = receipt.ledger();
            if (ledger.mode() == null || ledger.channel() == null || ledger.transactionId() == null) {
                return Optional.of("receipt.ledger."
                        + (ledger.mode() == null ? "mode" : ledger.channel() == null ? "channel" : "transactionId"));
            }
            if (ledger.anchoredAt() == null) {
                return Optional.of("receipt.ledger.anchoredAt");
            }
        }
        if (receipt.sourceSignature() != null) {
            var signature = receipt.sourceSignature();
            if (signature.jws() == null || signature.signer() == null || signature.signingTime() == null) {
                return Optional.of("receipt.sourceSignature."
                        + (signature.jws() == null ? "jws" : signature.signer() == null ? "signer" : "signingTime"));
            }
        }
        return Optional.empty();
    }

    /**
     * Where a given receipt differs from the receipt the hub holds for the same record, as "{@code <path>}: the hub
     * issued X, the receipt says Y". A receipt handed out while its record was PENDING may lack what the hub added
     * since (proof, tree head, ledger coordinates, the status ANCHORED); any other difference counts.
     */
    static Optional<String> differenceFrom(Receipt given, Receipt issued) {
        JsonNode givenTree = JSON.valueToTree(given);
        JsonNode issuedTree = JSON.valueToTree(issued);
        boolean olderPending = given.status() == Receipt.Status.PENDING && issued.status() == Receipt.Status.ANCHORED;
        for (Iterator<Map.Entry<String, JsonNode>> it = issuedTree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode mine = givenTree.get(name);
            if (olderPending && (name.equals("status") || (mine == null && GAINED_WHEN_ANCHORED.contains(name)))) {
                continue;
            }
            Optional<String> difference = difference("receipt." + name, mine, member.getValue());
            if (difference.isPresent()) {
                return difference;
            }
        }
        for (Iterator<String> names = givenTree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!issuedTree.has(name) && !GAINED_WHEN_ANCHORED.contains(name)) {
                return Optional.of("receipt." + name + ": the hub issued this receipt without it");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> difference(String path, JsonNode given, JsonNode issued) {
        if (given == null || given.isNull()) {
            return Optional.of(path + " is missing; the hub issued " + issued);
        }
        if (issued.isObject() && given.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = issued.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                Optional<String> difference =
                        difference(path + "." + member.getKey(), given.get(member.getKey()), member.getValue());
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (issued.isArray() && given.isArray()) {
            for (int i = 0; i < Math.max(issued.size(), given.size()); i++) {
                if (i >= issued.size()) {
                    return Optional.of(path + " has " + given.size() + " entries; the hub issued " + issued.size());
                }
                Optional<String> difference = difference(path + "[" + i + "]", given.get(i), issued.get(i));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        return given.equals(issued)
                ? Optional.empty()
                : Optional.of(path + ": the hub issued " + issued + ", the receipt says " + given);
    }
}
