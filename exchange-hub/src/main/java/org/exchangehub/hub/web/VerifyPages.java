package org.exchangehub.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.api.RequestJson;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerMode;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.StoredRecord;
import org.exchangehub.hub.verify.RecordVerifier;
import org.exchangehub.hub.verify.Verdict;
import org.exchangehub.hub.verify.Verification;
import org.springframework.stereotype.Component;

/**
 * Runs the verify page's verifications through the hub's {@link RecordVerifier} (the code behind {@code POST
 * /api/v1/verify} and the portal's 查询鉴真) and turns each answer into a {@link VerifyView}: the same verdict, explained.
 */
@Component
class VerifyPages {

    static final String OFFLINE_EMBEDDED =
            "java -jar exchange-hub.jar verify --record r.json --receipt rc.json --data-dir ./data";
    static final String OFFLINE_FABRIC =
            "java -jar exchange-hub.jar verify --record r.json --receipt rc.json --fabric hub-fabric.properties";

    private final RecordVerifier verifier;
    private final RecordStore records;
    private final Receipts receipts;
    private final ObjectMapper json;
    private final LedgerGateway ledger;

    VerifyPages(
            RecordVerifier verifier, RecordStore records, Receipts receipts, ObjectMapper json, LedgerGateway ledger) {
        this.verifier = verifier;
        this.records = records;
        this.receipts = receipts;
        this.json = json;
        this.ledger = ledger;
    }

    /**
     * A visitor's input that cannot be verified as given: the message key says what is wrong in the visitor's
     * language, {@code detail} names the value (the parser's or the verifier's own words).
     */
    static final class InputError extends RuntimeException {
        private final String key;

        InputError(String key, String detail) {
            super(detail);
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    /**
     * What was pasted into the form: a record (or a whole {@code {"record", "receipt"}} bundle, as the records API
     * answers), its receipt, or a bare digest; any may be blank, not all.
     */
    VerifyView pasted(String recordText, String receiptText, String digestText) {
        JsonNode record = parse(recordText, "record");
        JsonNode receipt = parse(receiptText, "receipt");
        String digest = digestText == null || digestText.isBlank() ? null : digestText.trim();
        if (record != null && isBundle(record)) {
            if (receipt == null) {
                receipt = nonNull(record.get("receipt"));
            }
            record = nonNull(record.get("record"));
        }
        if (record == null && receipt == null && digest == null) {
            throw new InputError("verify.error.empty", "");
        }
        return verify(record, receipt, digest);
    }

    /** An uploaded bundle file: {@code {"record", "receipt"}}, or a record or a receipt alone. */
    VerifyView uploaded(byte[] file) {
        if (file == null || file.length == 0) {
            throw new InputError("verify.error.noFile", "");
        }
        JsonNode content = parse(new String(file, StandardCharsets.UTF_8), "file");
        if (!content.isObject()) {
            throw new InputError("verify.error.bundle", "the file holds " + content.getNodeType());
        }
        if (isBundle(content)) {
            return verify(nonNull(content.get("record")), nonNull(content.get("receipt")), null);
        }
        if (content.has("receiptId") && content.has("digest")) {
            return verify(null, content, null);
        }
        if (content.has("payload")) {
            return verify(content, null, null);
        }
        throw new InputError("verify.error.bundle", "members: " + fieldNames(content));
    }

    /**
     * The record version a receipt id names (the link and QR code on a printed receipt), and when the link carried the
     * printed digest, whether it is that record's digest: a printed receipt whose digest is not the record's is a
     * tampered receipt (or a tampered record), whatever the ledger says about the record.
     */
    VerifyView receipt(String receiptId, String printedDigest) {
        Optional<StoredRecord> found = records.byReceipt(receiptId);
        if (found.isEmpty()) {
            return new VerifyView(
                    Verdict.UNKNOWN.name(),
                    null,
                    List.of(VerifyView.Line.failed("check.noReceipt", receiptId)),
                    null,
                    new VerifyView.Downloads(null, null, null, false),
                    null,
                    offlineCommand());
        }
        StoredRecord stored = found.get();
        Receipt receipt = receipts.of(stored);
        Verification verification = verifier.verify(stored.envelope(), receipt, null);
        List<VerifyView.Line> checks = new ArrayList<>();
        String verdict = verification.verdict().name();
        if (printedDigest != null && !printedDigest.isBlank()) {
            String printed = printedDigest.trim().toLowerCase(Locale.ROOT);
            if (printed.equals(verification.digest())) {
                checks.add(VerifyView.Line.passed("check.printedDigest.match", printed));
            } else {
                checks.add(VerifyView.Line.failed("check.printedDigest.mismatch", printed, verification.digest()));
                verdict = Verdict.TAMPERED.name();
            }
        }
        checks.addAll(checks(verification));
        String base = "/receipts/" + receiptId;
        boolean recordPublic = PublicRecords.whollyPublic(stored);
        VerifyView.Downloads downloads = new VerifyView.Downloads(
                recordPublic ? base + "/record.json" : null,
                base + "/receipt.json",
                base + "/bundle.json",
                !recordPublic);
        return new VerifyView(
                verdict,
                verification,
                checks,
                path(verification, receipt).orElse(null),
                downloads,
                receiptId,
                offlineCommand());
    }

    /** The visitor's own record and receipt: verified, and handed back as files for the offline command. */
    private VerifyView verify(JsonNode record, JsonNode receiptJson, String digest) {
        Receipt receipt = receiptJson == null ? null : toReceipt(receiptJson);
        Verification verification;
        try {
            verification = verifier.verify(record, receipt, digest);
        } catch (ApiException e) {
            if (e.problem() == ApiProblem.BAD_REQUEST) {
                throw new InputError("verify.error.refused", e.getMessage());
            }
            throw e;
        }
        Optional<StoredRecord> stored = stored(verification);
        Receipt proofSource = receipt != null && receipt.proof() != null
                ? receipt
                : stored.map(receipts::of).orElse(receipt);
        String receiptId = receipt != null
                ? receipt.receiptId()
                : stored.map(StoredRecord::receiptId).orElse(null);
        JsonNode bundleReceipt = receiptJson != null
                ? receiptJson
                : stored.map(s -> (JsonNode) json.valueToTree(receipts.of(s))).orElse(null);
        ObjectNode bundle = json.createObjectNode();
        if (record != null) {
            bundle.set("record", record);
        }
        if (bundleReceipt != null) {
            bundle.set("receipt", bundleReceipt);
        }
        VerifyView.Downloads downloads = new VerifyView.Downloads(
                record == null ? null : dataUrl(record),
                bundleReceipt == null ? null : dataUrl(bundleReceipt),
                bundle.isEmpty() ? null : dataUrl(bundle),
                false);
        return new VerifyView(
                verification.verdict().name(),
                verification,
                checks(verification),
                path(verification, proofSource).orElse(null),
                downloads,
                receiptId != null && records.byReceipt(receiptId).isPresent() ? receiptId : null,
                offlineCommand());
    }

    /** The version the hub holds of what was verified, when it holds one. */
    private Optional<StoredRecord> stored(Verification v) {
        Optional<RecordType> type = RecordType.byName(v.type());
        if (type.isPresent() && v.id() != null && v.version() != null) {
            return records.version(type.get(), v.id(), v.version());
        }
        if (v.digest() != null) {
            return records.byDigest(v.digest()).stream().findFirst();
        }
        return Optional.empty();
    }

    private static Optional<MerklePath> path(Verification v, Receipt proofSource) {
        if (proofSource == null || proofSource.proof() == null) {
            return Optional.empty();
        }
        return MerklePath.of(v.hashAlgorithm(), v.digest(), proofSource.proof(), v.ledgerRoot());
    }

    /** The verification's checks in plain words, in the order a person would check them. */
    static List<VerifyView.Line> checks(Verification v) {
        List<VerifyView.Line> lines = new ArrayList<>();
        if (v.type() != null) {
            lines.add(VerifyView.Line.info(
                    "check.record", v.type(), v.id(), v.version() == null ? "?" : String.valueOf(v.version())));
        }
        if (v.digest() != null) {
            lines.add(VerifyView.Line.info("check.digest", v.hashAlgorithm(), v.digest()));
        }
        if (v.treeHeadSignatureValid() != null) {
            lines.add(
                    v.treeHeadSignatureValid()
                            ? VerifyView.Line.passed("check.signature.valid", v.batchId())
                            : VerifyView.Line.failed("check.signature.invalid", v.batchId()));
        }
        if (v.computedRoot() != null && v.ledgerRoot() != null) {
            lines.add(
                    v.computedRoot().equalsIgnoreCase(v.ledgerRoot())
                            ? VerifyView.Line.passed("check.root.match", v.batchId())
                            : VerifyView.Line.failed("check.root.mismatch", v.computedRoot(), v.ledgerRoot()));
        }
        if (v.sourceSignature() != null) {
            Verification.SourceSigned signed = v.sourceSignature();
            lines.add(
                    signed.chainChecked()
                            ? VerifyView.Line.passed(
                                    "check.sourceSignature", signed.agency(), signed.signer(), signed.signingTime())
                            : VerifyView.Line.info(
                                    "check.sourceSignature.unchained",
                                    signed.agency(),
                                    signed.signer(),
                                    signed.signingTime()));
        }
        if (v.ledger() != null && v.ledger().transactionId() != null) {
            lines.add(VerifyView.Line.passed(
                    "check.anchored",
                    v.ledger().mode(),
                    v.ledger().channel(),
                    v.ledger().transactionId(),
                    v.ledger().blockNumber() == null
                            ? "?"
                            : String.valueOf(v.ledger().blockNumber())));
        }
        switch (v.verdict()) {
            case GENUINE -> lines.add(VerifyView.Line.passed("check.current"));
            case SUPERSEDED ->
                lines.add(VerifyView.Line.failed(
                        "check.superseded", String.valueOf(v.latestVersion()), String.valueOf(v.version())));
            case REVOKED -> lines.add(VerifyView.Line.failed("check.revoked", String.valueOf(v.latestVersion())));
            case PENDING -> lines.add(VerifyView.Line.info("check.pending"));
            case UNKNOWN -> lines.add(VerifyView.Line.failed("check.unknown"));
            case TAMPERED -> lines.add(VerifyView.Line.failed("check.tampered"));
            default -> {}
        }
        return lines;
    }

    String offlineCommand() {
        return ledger.mode() == LedgerMode.FABRIC ? OFFLINE_FABRIC : OFFLINE_EMBEDDED;
    }

    private Receipt toReceipt(JsonNode receipt) {
        if (!receipt.isObject()) {
            throw new InputError("verify.error.receipt", "a receipt is a JSON object, got " + receipt.getNodeType());
        }
        try {
            return RequestJson.read(receipt, Receipt.class);
        } catch (ApiException e) {
            throw new InputError("verify.error.receipt", firstLine(e.getMessage()));
        }
    }

    private JsonNode parse(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = RequestJson.readTree(text.getBytes(StandardCharsets.UTF_8));
            return node.isNull() ? null : node;
        } catch (ApiException e) {
            throw new InputError("verify.error.json." + what, firstLine(e.getMessage()));
        }
    }

    private static boolean isBundle(JsonNode node) {
        return node.isObject() && !node.has("payload") && (node.has("record") || node.has("receipt"));
    }

    private static JsonNode nonNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A {@code data:} URL of pretty-printed JSON, for a download link that needs no second request. */
    private String dataUrl(JsonNode node) {
        try {
            String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
            return "data:application/json;charset=utf-8,"
                    + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
