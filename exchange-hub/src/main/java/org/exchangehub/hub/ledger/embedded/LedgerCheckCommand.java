package org.exchangehub.hub.ledger.embedded;

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
 * {@code ledger-check}: checks a hub's embedded ledger offline, from its data directory (the H2 database, shared with a
 * running hub through H2's auto-server), exactly as {@code GET /api/v1/ledger/check} does: every block's data hash,
 * link, hash and signature by the ledger's own orderer identity, and the world state against the history. Prints the
 * result as JSON; exit 0 intact, 1 broken, 2 usage or input error.
 */
@Command(
        name = "ledger-check",
        mixinStandardHelpOptions = true,
        description = "Check the embedded ledger's blocks and world state; exit 0 intact, 1 broken (the first bad"
                + " block and why, as JSON), 2 usage or input error.")
public final class LedgerCheckCommand implements Callable<Integer> {

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
            // open() accepts only a data directory with an embedded ledger, so the gateway is the embedded one
            EmbeddedLedgerGateway ledger =
                    (EmbeddedLedgerGateway) hub.ledger(mspId, channel).gateway();
            ChainCheckResult result = ledger.checkChain();
            spec.commandLine().getOut().println(JSON.writeValueAsString(result));
            return result.intact() ? 0 : 1;
        }
    }
}
