package org.exchangehub.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.StoredRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The printable receipt ({@code /receipts/<id>}): what was notarized, where it is anchored, and a QR code (ZXing) of
 * the link {@code /verify/<id>#<digest>} that checks it again; plus the receipt, the record (only when all of it is
 * public) and both as one bundle, as files for the offline {@code verify} command.
 */
@Controller
class ReceiptPageController {

    private static final int QR_PIXELS = 360;

    private final RecordStore records;
    private final Receipts receipts;
    private final ObjectMapper json;
    private final String publicUrl;

    ReceiptPageController(
            RecordStore records,
            Receipts receipts,
            ObjectMapper json,
            @Value("${hub.web.public-url:}") String publicUrl) {
        this.records = records;
        this.receipts = receipts;
        this.json = json;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping("/receipts/{receiptId}")
    String receipt(@PathVariable String receiptId, HttpServletRequest request, Model model) {
        StoredRecord record = stored(receiptId);
        Receipt receipt = receipts.of(record);
        model.addAttribute("receipt", receipt);
        model.addAttribute("verifyLink", verifyLink(receipt, request));
        model.addAttribute("recordPublic", PublicRecords.whollyPublic(record));
        return "receipt";
    }

    /** The QR code of the verify link, as PNG. */
    @GetMapping(value = "/receipts/{receiptId}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@PathVariable String receiptId, HttpServletRequest request) {
        Receipt receipt = receipts.of(stored(receiptId));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .contentType(MediaType.IMAGE_PNG)
                .body(QrCodes.png(verifyLink(receipt, request), QR_PIXELS));
    }

    @GetMapping("/receipts/{receiptId}/receipt.json")
    ResponseEntity<byte[]> receiptFile(@PathVariable String receiptId) {
        return file("rc.json", receipts.of(stored(receiptId)));
    }

    @GetMapping("/receipts/{receiptId}/record.json")
    ResponseEntity<byte[]> recordFile(@PathVariable String receiptId) {
        StoredRecord record = stored(receiptId);
        if (!PublicRecords.whollyPublic(record)) {
            throw new PageErrors.NotFound("record.json of " + receiptId
                    + ": the record holds data that is not public; the agency that sent it to you has it");
        }
        return file("r.json", record.envelope());
    }

    /** {@code {"record", "receipt"}}; the record only when all of it is public. */
    @GetMapping("/receipts/{receiptId}/bundle.json")
    ResponseEntity<byte[]> bundleFile(@PathVariable String receiptId) {
        StoredRecord record = stored(receiptId);
        ObjectNode bundle = json.createObjectNode();
        if (PublicRecords.whollyPublic(record)) {
            bundle.set("record", record.envelope());
        }
        bundle.set("receipt", json.valueToTree(receipts.of(record)));
        return file("bundle-" + receiptId + ".json", bundle);
    }

    /** {@code <hub>/verify/<receipt id>#<digest>}: the address a printed receipt's QR code holds. */
    String verifyLink(Receipt receipt, HttpServletRequest request) {
        String base = publicUrl.isEmpty()
                ? ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()
                : publicUrl;
        return base + "/verify/" + receipt.receiptId() + "#" + receipt.digest();
    }

    private StoredRecord stored(String receiptId) {
        if (receiptId.length() > 64) {
            throw new PageErrors.NotFound(receiptId.substring(0, 64) + "…");
        }
        return records.byReceipt(receiptId).orElseThrow(() -> new PageErrors.NotFound(receiptId));
    }

    private ResponseEntity<byte[]> file(String name, Object content) {
        try {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(name)
                                    .build()
                                    .toString())
                    .body(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + name, e);
        }
    }
}
