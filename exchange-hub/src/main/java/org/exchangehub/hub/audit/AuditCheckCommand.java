package org.exchangehub.hub.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.exchangehub.hub.verify.HubDataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit-check}: checks a hub's audit chain offline, from its data directory (the H2 database, shared with a
 * running hub through H2's auto-server, and the embedded ledger), exactly as {@code GET /api/v1/audit/check} does.
 * Prints the result as JSON; exit 0 intact, 1 broken, 2 usage or input error.
 */
@Command(
        name = "audit-check",
        mixinStandardHelpOptions = true,
        description = "Check the audit log's hash chain and its ledger anchors; exit 0 intact, 1 broken (the first bad"
                + " seq and why, as JSON), 2 usage or input error.")
public final class AuditCheckCommand implements Callable<Integer> {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--data-dir",
            required = true,
            paramLabel = "DIR",
            description = "the hub's data directory (H2 database and embedded ledger)")
    Path dataDir;

    @Option(names = "--msp-id", defaultValue = "HubMSP", description = "hub.ledger.msp-id")
    String mspId;

    @Option(names = "--channel", defaultValue = "housing", description = "hub.ledger.channel")
    String channel;

    @Override
    public Integer call() throws Exception {
        try (HubDataDirectory hub = HubDataDirectory.open(dataDir)) {
            AuditCheckResult result = new AuditChainCheck(hub.jdbc(), hub.ledger(mspId, channel)).check();
            spec.commandLine().getOut().println(JSON.writeValueAsString(result));
            return result.intact() ? 0 : 1;
        }
    }
}
