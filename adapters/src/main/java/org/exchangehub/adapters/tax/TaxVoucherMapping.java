package org.exchangehub.adapters.tax;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.exchangehub.adapters.hub.CanonicalRecord;

/**
 * Maps the tax bureau's deed-tax voucher (完税凭证: WSPZH voucher no, HTBH contract no, NSR taxpayer {XM, ZJHM}, SE
 * tax amount, SL rate, JKRQ paid date) to a TAX_CLEARANCE record.
 */
public final class TaxVoucherMapping {

    private final JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);

    /** The TAX_CLEARANCE for {@code voucher}, version left to the hub; throws naming the first field that is wrong. */
    public CanonicalRecord toRecord(JsonNode voucher) {
        String voucherNo = text(voucher, "WSPZH");
        ObjectNode payload = nodes.objectNode();
        payload.put("voucherNo", voucherNo);
        payload.put("contractNo", text(voucher, "HTBH"));
        JsonNode taxpayer = voucher.path("NSR");
        payload.putObject("taxpayer").put("name", text(taxpayer, "XM")).put("idNumber", text(taxpayer, "ZJHM"));
        payload.put("taxAmount", decimal(voucher, "SE"));
        payload.put("taxRate", decimal(voucher, "SL"));
        payload.put("paidDate", date(voucher, "JKRQ"));
        return new CanonicalRecord("TAX_CLEARANCE", voucherNo, null, payload);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("tax voucher field " + field + " is missing or not text");
        }
        return value.asText().strip();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(text(node, field));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tax voucher field " + field + " is not a number", e);
        }
    }

    private static String date(JsonNode node, String field) {
        try {
            return LocalDate.parse(text(node, field)).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("tax voucher field " + field + " is not a date yyyy-MM-dd", e);
        }
    }
}
