package org.exchangehub.adapters.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The tax bureau's system (税务局), simulated. {@code POST /contracts} verifies the contract through the hub and
 * answers with a deed-tax voucher ({@code WSPZ}); {@code POST /filings} acknowledges.
 *
 * <p>Deed tax (契税) = contract price × rate, rounded half-up to 0.01 yuan; the rate is 1% for an area up to 90 m² and
 * 1.5% above (a simplification of the first-home rates). The voucher no is {@code WS-<contract no>}, the taxpayer the
 * first buyer, the paid date today by the clock. Answers: 200 {@code {HTBH, SLZT 已受理, WSPZ}}; 200 without {@code
 * WSPZ} for a cancelled contract (no tax is due) and for a version that is no longer current (SUPERSEDED, or REVOKED by
 * a later cancellation: the newer version follows); 422 {@code {HTBH, SLZT 不予受理, YZJG verdict, YY reasons}} when the
 * hub does not call the contract GENUINE or its fields differ from the verified record.
 */
public class TaxSimulator extends AgencySimulator {

    static final BigDecimal REDUCED_RATE_AREA = new BigDecimal("90");
    static final BigDecimal REDUCED_RATE = new BigDecimal("0.01");
    static final BigDecimal STANDARD_RATE = new BigDecimal("0.015");

    private static final String CANCELLED = "已撤销";

    private final Clock clock;
    private final List<JsonNode> vouchers = new ArrayList<>();
    private final List<JsonNode> filings = new ArrayList<>();

    /**
     * @param port the port, 0 for any free one
     * @param hubUrl the hub's base URL, or null to set it later
     * @param clock gives the paid date
     */
    public TaxSimulator(int port, URI hubUrl, Clock clock) {
        super("tax", port, hubUrl);
        this.clock = clock;
    }

    /** The vouchers issued (native JSON), in order. */
    public synchronized List<JsonNode> vouchers() {
        return List.copyOf(vouchers);
    }

    /** The filings acknowledged (native JSON without record and receipt), in order. */
    public synchronized List<JsonNode> filings() {
        return List.copyOf(filings);
    }

    @Override
    synchronized SimulatorAnswer handle(String path, JsonNode body) {
        return switch (path) {
            case "/contracts" -> contract(body);
            case "/filings" -> filing(body);
            default -> new SimulatorAnswer(404, problem("no such interface: " + path));
        };
    }

    /** Verdicts of a genuine record that is no longer the current version. */
    private static final java.util.Set<String> STALE = java.util.Set.of("SUPERSEDED", HubVerdict.REVOKED);

    private SimulatorAnswer contract(JsonNode message) {
        String contractNo = message.path("HTBH").asText();
        HubVerdict verdict = verify(message.path("record"), message.path("receipt"));
        boolean cancelled = CANCELLED.equals(message.path("HTZT").asText());
        // a cancelled contract is genuine but revoked: proof enough that no tax is due
        boolean authentic = verdict.genuine() || (cancelled && HubVerdict.REVOKED.equals(verdict.verdict()));
        if (!authentic && STALE.contains(verdict.verdict())) {
            // genuine but no longer current (a newer version, e.g. the cancellation, is on its way): nothing to tax
            ObjectNode answer = JSON.createObjectNode().put("HTBH", contractNo).put("SLZT", "已受理");
            answer.put("SM", "合同已有更新版本(" + verdict.verdict() + "),以最新版本为准");
            return new SimulatorAnswer(200, answer);
        }
        if (!authentic) {
            return refused(contractNo, verdict.verdict(), verdict.reasons());
        }
        String differs = differsFromRecord(message);
        if (differs != null) {
            return refused(contractNo, verdict.verdict(), List.of(differs));
        }
        ObjectNode answer = JSON.createObjectNode().put("HTBH", contractNo).put("SLZT", "已受理");
        if (cancelled) {
            answer.put("SM", "合同已撤销,不征收契税");
            return new SimulatorAnswer(200, answer);
        }
        ObjectNode voucher = voucher(message);
        vouchers.add(voucher);
        answer.set("WSPZ", voucher);
        return new SimulatorAnswer(200, answer);
    }

    private ObjectNode voucher(JsonNode message) {
        String contractNo = message.path("HTBH").asText();
        BigDecimal price = message.path("JYJG").decimalValue();
        BigDecimal rate = rate(message.path("MJ").decimalValue());
        JsonNode buyer = message.path("MSF").path(0);
        ObjectNode voucher = JSON.createObjectNode();
        voucher.put("WSPZH", DerivedNumber.of("WS", contractNo));
        voucher.put("HTBH", contractNo);
        voucher.putObject("NSR")
                .put("XM", buyer.path("XM").asText())
                .put("ZJHM", buyer.path("ZJHM").asText());
        voucher.put("JSYJ", price);
        voucher.put("SL", rate);
        voucher.put("SE", price.multiply(rate).setScale(2, RoundingMode.HALF_UP));
        voucher.put("JKRQ", LocalDate.now(clock).toString());
        return voucher;
    }

    /** The deed-tax rate for a contract area in m². */
    static BigDecimal rate(BigDecimal area) {
        return area.compareTo(REDUCED_RATE_AREA) <= 0 ? REDUCED_RATE : STANDARD_RATE;
    }

    /** Which native field says something other than the verified record, or null when they agree. */
    private static String differsFromRecord(JsonNode message) {
        JsonNode payload = message.path("record").path("payload");
        if (!message.path("HTBH").asText().equals(payload.path("contractNo").asText())) {
            return "HTBH differs from the verified record";
        }
        if (message.path("JYJG").decimalValue().compareTo(payload.path("price").decimalValue()) != 0) {
            return "JYJG differs from the verified record";
        }
        if (message.path("MJ").decimalValue().compareTo(payload.path("area").decimalValue()) != 0) {
            return "MJ differs from the verified record";
        }
        return null;
    }

    private SimulatorAnswer filing(JsonNode message) {
        ObjectNode filing = message.deepCopy();
        filing.remove("record");
        filing.remove("receipt");
        filings.add(filing);
        return new SimulatorAnswer(
                200,
                JSON.createObjectNode()
                        .put("BABH", message.path("BABH").asText())
                        .put("SLZT", "已受理"));
    }

    private static SimulatorAnswer refused(String contractNo, String verdict, List<String> reasons) {
        ObjectNode answer = JSON.createObjectNode()
                .put("HTBH", contractNo)
                .put("SLZT", "不予受理")
                .put("YZJG", verdict);
        reasons.forEach(answer.putArray("YY")::add);
        return new SimulatorAnswer(422, answer);
    }
}
