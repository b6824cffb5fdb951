package org.exchangehub.adapters.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real-estate registry's system (不动产登记中心), simulated. {@code POST /records} takes {@code {record, receipt}}
 * of a FILING, CONTRACT or TAX_CLEARANCE and keeps the latest of each by contract no. Once it holds a FILED filing and
 * a tax clearance of a contract (in either order) it verifies both through the hub and answers that push with a
 * registration result ({@code DJXX}): 登记 when both are GENUINE, else 不予登记 with the verdicts as the reason. A
 * contract is registered once; a rejected one is decided again when a new filing or clearance arrives.
 *
 * <p>The result: BDCQZH {@code BDC-<contract no>}, FWBM the filing's house code, HTBH, QLR the contract's buyers (the
 * taxpayer when the contract was not pushed), DJRQ today by the clock, DJJG, BYDJYY.
 */
public class RegistrySimulator extends AgencySimulator {

    private static final String REGISTERED = "登记";
    private static final String REJECTED = "不予登记";

    private final Clock clock;
    private final Map<String, JsonNode> filings = new HashMap<>();
    private final Map<String, JsonNode> contracts = new HashMap<>();
    private final Map<String, JsonNode> clearances = new HashMap<>();
    private final Set<String> registered = new HashSet<>();
    /** Per contract, the filing and clearance versions last decided on, so the same pair is not decided twice. */
    private final Map<String, String> decided = new HashMap<>();

    private final List<JsonNode> registrations = new ArrayList<>();

    /**
     * @param port the port, 0 for any free one
     * @param hubUrl the hub's base URL, or null to set it later
     * @param clock gives the registered date
     */
    public RegistrySimulator(int port, URI hubUrl, Clock clock) {
        super("registry", port, hubUrl);
        this.clock = clock;
    }

    /** The registration results decided (native JSON), REGISTERED and REJECTED, in order. */
    public synchronized List<JsonNode> registrations() {
        return List.copyOf(registrations);
    }

    @Override
    synchronized SimulatorAnswer handle(String path, JsonNode body) {
        if (!"/records".equals(path)) {
            return new SimulatorAnswer(404, problem("no such interface: " + path));
        }
        JsonNode record = body.path("record");
        String type = record.path("type").asText();
        JsonNode payload = record.path("payload");
        String contractNo = payload.path("contractNo").asText();
        Map<String, JsonNode> kept = switch (type) {
            case "FILING" -> filings;
            case "CONTRACT" -> contracts;
            case "TAX_CLEARANCE" -> clearances;
            default -> null;
        };
        if (kept == null || contractNo.isEmpty()) {
            ObjectNode refusal = JSON.createObjectNode().put("SLZT", "不予接收");
            refusal.put("YY", "the registry takes FILING, CONTRACT and TAX_CLEARANCE with a contractNo, not " + type);
            return new SimulatorAnswer(422, refusal);
        }
        kept.put(contractNo, body);
        ObjectNode answer = JSON.createObjectNode()
                .put("SLZT", "已接收")
                .put("SJLX", type)
                .put("YWBH", record.path("id").asText());
        JsonNode registration = decide(contractNo);
        if (registration != null) {
            answer.set("DJXX", registration);
        }
        return new SimulatorAnswer(200, answer);
    }

    /** The registration result for a contract when it can be decided now, else null. */
    private JsonNode decide(String contractNo) {
        JsonNode filing = filings.get(contractNo);
        JsonNode clearance = clearances.get(contractNo);
        if (registered.contains(contractNo) || filing == null || clearance == null) {
            return null;
        }
        if (!"FILED".equals(filing.path("record").path("payload").path("status").asText())) {
            return null;
        }
        String pair = version(filing) + "/" + version(clearance);
        if (pair.equals(decided.get(contractNo))) {
            return null;
        }
        HubVerdict filingVerdict = verify(filing.path("record"), filing.path("receipt"));
        HubVerdict clearanceVerdict = verify(clearance.path("record"), clearance.path("receipt"));
        // only now: when the hub could not be asked, the retry of this push decides it
        decided.put(contractNo, pair);
        ObjectNode result = JSON.createObjectNode();
        result.put("BDCQZH", DerivedNumber.of("BDC", contractNo));
        result.put(
                "FWBM", filing.path("record").path("payload").path("houseCode").asText());
        result.put("HTBH", contractNo);
        owners(result.putArray("QLR"), contractNo, clearance);
        result.put("DJRQ", LocalDate.now(clock).toString());
        if (filingVerdict.genuine() && clearanceVerdict.genuine()) {
            result.put("DJJG", REGISTERED);
            registered.add(contractNo);
        } else {
            result.put("DJJG", REJECTED);
            result.put(
                    "BYDJYY",
                    "备案 " + filing.path("record").path("id").asText() + ": " + filingVerdict.describe() + "; 完税凭证 "
                            + clearance.path("record").path("id").asText() + ": " + clearanceVerdict.describe());
        }
        registrations.add(result);
        return result;
    }

    private void owners(ArrayNode owners, String contractNo, JsonNode clearance) {
        JsonNode contract = contracts.get(contractNo);
        if (contract != null) {
            contract.path("record")
                    .path("payload")
                    .path("buyers")
                    .forEach(buyer -> owners.addObject()
                            .put("XM", buyer.path("name").asText())
                            .put("ZJHM", buyer.path("idNumber").asText()));
        } else {
            JsonNode taxpayer = clearance.path("record").path("payload").path("taxpayer");
            owners.addObject()
                    .put("XM", taxpayer.path("name").asText())
                    .put("ZJHM", taxpayer.path("idNumber").asText());
        }
    }

    private static String version(JsonNode kept) {
        return kept.path("record").path("version").asText();
    }
}
