package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.exchangehub.hub.audit.AuditEntry;
import org.exchangehub.hub.audit.AuditLog;
import org.exchangehub.hub.audit.AuditOperation;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * 鉴真 in a real browser: every verdict reached the three ways a person has (paste, upload a bundle file, follow the
 * printed receipt's QR code), with the ledger coordinates and the Merkle path on the page.
 */
class VerifyPageBrowserTests extends BrowserTestBase {

    @Autowired
    AuditLog audit;

    String publishedUnit(String saleStatus, double price) {
        String code = unique("WV-");
        publish("UNIT", code, unit(code, "WB-1", "WP-1", 3, "301", saleStatus, price));
        return code;
    }

    Browser verifyPasted(String record, String receipt) {
        return browser()
                .open("/verify")
                .paste(By.id("record"), record)
                .paste(By.id("receipt"), receipt == null ? "" : receipt);
    }

    String verdict() {
        return browser().find(By.id("verdict")).getAttribute("data-verdict");
    }

    List<String> checks(String state) {
        return browser().all(By.cssSelector("#checks li." + state)).stream()
                .map(li -> li.getAttribute("data-check"))
                .toList();
    }

    @Test
    void aPastedRecordAndReceiptAreGenuineWithLedgerCoordinatesAndTheMerklePathToTheLedgerRoot() {
        String code = publishedUnit("AVAILABLE", 1_250_000);
        publishedUnit("AVAILABLE", 990_000); // a second leaf in the batch, so the path has a step
        anchor();
        JsonNode receipt = receiptJson("UNIT", code, 1);

        verifyPasted(pretty(recordJson("UNIT", code, 1)), pretty(receipt)).click(By.id("paste-submit"));

        assertThat(verdict()).isEqualTo("GENUINE");
        assertThat(browser().text(By.cssSelector("#verdict .word"))).contains("真实有效");
        assertThat(checks("pass")).contains("check.signature.valid", "check.root.match", "check.anchored");
        assertThat(checks("fail")).isEmpty();
        assertThat(browser().text(By.id("ledger-tx")))
                .isEqualTo(receipt.path("ledger").path("transactionId").asText());
        assertThat(browser().text(By.id("ledger-block")))
                .isEqualTo(receipt.path("ledger").path("blockNumber").asText());
        String root = receipt.path("proof").path("merkleRoot").asText();
        assertThat(browser().text(By.id("ledger-root"))).isEqualTo(root);
        assertThat(browser().find(By.id("merkle-root")).getAttribute("class")).contains("match");
        assertThat(browser().find(By.cssSelector("#merkle-root code")).getText())
                .isEqualTo(root);
        assertThat(browser().all(By.cssSelector("#merkle-path li.step")))
                .hasSize(receipt.path("proof").path("auditPath").size());
        assertThat(browser().text(By.id("offline-command")))
                .isEqualTo("java -jar exchange-hub.jar verify --record r.json --receipt rc.json --data-dir ./data");
        assertThat(browser().find(By.id("download-bundle")).getAttribute("href"))
                .startsWith("data:application/json");
        browser().screenshot("verify-genuine");

        List<AuditEntry> verified = audit.recent(null, "UNIT", code, 10);
        assertThat(verified).anySatisfy(entry -> {
            assertThat(entry.event().operation()).isEqualTo(AuditOperation.VERIFY);
            assertThat(entry.event().code()).isEqualTo("GENUINE");
        });
    }

    @Test
    void aChangedPriceIsTamperedAndThePathLeadsToAnotherRootThanTheLedgers() {
        String code = publishedUnit("AVAILABLE", 1_250_000);
        anchor();
        ObjectNode record = recordJson("UNIT", code, 1);
        ((ObjectNode) record.get("payload")).put("listedPrice", 1_150_000);

        verifyPasted(pretty(record), pretty(receiptJson("UNIT", code, 1))).click(By.id("paste-submit"));

        assertThat(verdict()).isEqualTo("TAMPERED");
        assertThat(browser().text(By.cssSelector("#verdict .word"))).contains("已被篡改");
        assertThat(checks("fail")).contains("check.root.mismatch", "check.tampered");
        assertThat(browser().find(By.id("merkle-root")).getAttribute("class")).contains("mismatch");
    }

    @Test
    void anUploadedBundleOfAnOldVersionIsSuperseded() throws Exception {
        String code = publishedUnit("AVAILABLE", 1_250_000);
        anchor();
        ObjectNode bundle = json.createObjectNode();
        bundle.set("record", recordJson("UNIT", code, 1));
        bundle.set("receipt", receiptJson("UNIT", code, 1));
        publish("UNIT", code, unit(code, "WB-1", "WP-1", 3, "301", "AVAILABLE", 1_199_000));
        anchor();
        Path file = Files.createTempFile(Path.of("target"), "bundle-", ".json");
        Files.writeString(file, pretty(bundle));

        browser()
                .open("/verify")
                .find(By.id("bundle"))
                .sendKeys(file.toAbsolutePath().toString());
        browser().click(By.id("upload-submit"));

        assertThat(verdict()).isEqualTo("SUPERSEDED");
        assertThat(checks("fail")).contains("check.superseded");
        assertThat(checks("pass")).contains("check.root.match");
    }

    @Test
    void aCancelledContractIsRevokedAndItsRecordFileIsNotOfferedToThePublic() {
        String contractNo = unique("WHT-");
        String houseCode = publishedUnit("AVAILABLE", 1_250_000);
        publish("CONTRACT", contractNo, contract(contractNo, houseCode, "SIGNED"));
        anchor();
        publish("CONTRACT", contractNo, contract(contractNo, houseCode, "CANCELLED"));
        anchor();

        verifyPasted(pretty(recordJson("CONTRACT", contractNo, 1)), null).click(By.id("paste-submit"));
        assertThat(verdict()).isEqualTo("REVOKED");
        assertThat(checks("fail")).contains("check.revoked");

        String receiptId = stored("CONTRACT", contractNo, 1).receiptId();
        browser().open("/verify/" + receiptId);
        assertThat(verdict()).isEqualTo("REVOKED");
        assertThat(browser().all(By.id("download-record"))).isEmpty();
        assertThat(browser().find(By.id("record-withheld")).getText()).contains("个人信息");
        ResponseEntity<String> recordFile = rest.getForEntity("/receipts/" + receiptId + "/record.json", String.class);
        assertThat(recordFile.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> bundle = rest.getForEntity("/receipts/" + receiptId + "/bundle.json", String.class);
        assertThat(bundle.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(bundle.getBody()).contains(receiptId).doesNotContain("张测试").doesNotContain("99010519900307001X");
    }

    @Test
    void aRecordNotYetAnchoredIsPendingAndOneNeverAcceptedIsUnknown() {
        String code = publishedUnit("AVAILABLE", 1_250_000);
        verifyPasted(pretty(recordJson("UNIT", code, 1)), null).click(By.id("paste-submit"));
        assertThat(verdict()).isEqualTo("PENDING");
        assertThat(checks("info")).contains("check.pending");
        assertThat(browser().all(By.id("merkle-path"))).isEmpty();

        ObjectNode never = recordJson("UNIT", code, 1);
        never.put("id", unique("WX-"));
        ((ObjectNode) never.get("payload")).put("houseCode", never.get("id").asText());
        verifyPasted(pretty(never), null).click(By.id("paste-submit"));
        assertThat(verdict()).isEqualTo("UNKNOWN");
        assertThat(checks("fail")).contains("check.unknown");
        anchor();
    }

    @Test
    void thePrintedReceiptsQrCodeLeadsToItsVerdictAndAWrongPrintedDigestIsTampered() throws Exception {
        String code = publishedUnit("AVAILABLE", 1_250_000);
        anchor();
        JsonNode receipt = receiptJson("UNIT", code, 1);
        String receiptId = receipt.path("receiptId").asText();
        String digest = receipt.path("digest").asText();

        browser().open("/receipts/" + receiptId);
        assertThat(browser().text(By.id("receipt-digest"))).isEqualTo(digest);
        String qrSource = browser().find(By.id("receipt-qr")).getAttribute("src");
        ResponseEntity<byte[]> png = rest.getForEntity(qrSource, byte[].class);
        assertThat(png.getHeaders().getContentType()).hasToString("image/png");
        // PURE_BARCODE: the image is the generated code itself, not a photo of one
        String link = new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(
                                ImageIO.read(new ByteArrayInputStream(png.getBody()))))),
                        Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
        assertThat(link).isEqualTo(base() + "/verify/" + receiptId + "#" + digest);
        assertThat(browser().find(By.id("receipt-verify-link")).getAttribute("href"))
                .isEqualTo(link);

        browser().open(link).waitForUrl(url -> url.contains("digest="));
        assertThat(verdict()).isEqualTo("GENUINE");
        assertThat(checks("pass")).contains("check.printedDigest.match", "check.root.match");
        assertThat(browser().find(By.id("download-record")).getAttribute("href"))
                .endsWith("/receipts/" + receiptId + "/record.json");

        String altered = (digest.charAt(0) == 'a' ? "b" : "a") + digest.substring(1);
        browser().open("/verify/" + receiptId + "#" + altered).waitForUrl(url -> url.contains("digest="));
        assertThat(verdict()).isEqualTo("TAMPERED");
        assertThat(checks("fail")).contains("check.printedDigest.mismatch");
    }

    @Test
    void aReceiptNumberTypedWithTheKeyboardOpensItsVerdict() {
        String code = publishedUnit("AVAILABLE", 1_250_000);
        anchor();
        String receiptId = stored("UNIT", code, 1).receiptId();

        WebElement field = browser().open("/").find(By.id("home-receipt-id"));
        field.sendKeys(receiptId + Keys.ENTER);
        browser().waitForUrl(url -> url.endsWith("/verify/" + receiptId));

        assertThat(verdict()).isEqualTo("GENUINE");
    }

    @Test
    void inputThatIsNotJsonIsRefusedWithAClearMessageAndKeptInTheForm() {
        browser()
                .open("/verify")
                .paste(By.id("record"), "{\"type\": \"UNIT\", ")
                .clickExpectingError(By.id("paste-submit"));

        assertThat(browser().text(By.id("verify-error"))).contains("记录不是合法的 JSON");
        assertThat(browser().find(By.id("record")).getAttribute("value")).isEqualTo("{\"type\": \"UNIT\", ");
        assertThat(browser().all(By.id("verdict"))).isEmpty();

        browser().open("/verify").clickExpectingError(By.id("paste-submit"));
        assertThat(browser().text(By.id("verify-error"))).contains("请粘贴记录、回执或摘要");

        browser().open("/verify/" + "0".repeat(32));
        assertThat(verdict()).isEqualTo("UNKNOWN");
        assertThat(checks("fail")).contains("check.noReceipt");
    }
}
