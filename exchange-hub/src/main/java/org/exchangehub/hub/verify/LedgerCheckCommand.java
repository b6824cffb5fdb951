package org.exchangehub.hub.verify;

import java.util.concurrent.Callable;
import org.exchangehub.hub.ledger.embedded.ChainCheckResult;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ledger-check}: checks a hub's embedded ledger offline, from its data directory (the H2 database, shared with a
 * running hub through H2's auto-server), exactly as {@code GET /api/v1/ledger/check} does: every block's data hash,
 * link, hash and signature by the ledger's own orderer identity, and the world state against the history. Prints the
 * result as JSON; exit 0 intact, 1 broken, 2 usage or input error. It lives here, with the data directory it opens,
 * not in the ledger module: the ledger must not depend on {@code verify}, which depends on it.
 */
@Command(
        name = "ledger-check",
        mixinStandardHelpOptions = true,
        description = "Check the embedded ledger's blocks and world state; exit 0 intact, 1 broken (the first bad"
                + " block and why, as JSON), 2 usage or input error.")
public final class LedgerCheckCommand implements Callable<Integer> {

    @Mixin
    DataDirectoryCheck check;

    @Override
    public Integer call() throws Exception {
        try (HubDataDirectory hub = check.open()) {
            // open() accepts only a data directory with an embedded ledger, so the gateway is the embedded one
            EmbeddedLedgerGateway ledger = (EmbeddedLedgerGateway)
                    hub.ledger(check.mspId(), check.channel()).gateway();
            ChainCheckResult result = ledger.checkChain();
            return check.answer(result, result.intact());
        }
    }
}
