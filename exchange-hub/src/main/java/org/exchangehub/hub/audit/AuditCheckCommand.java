package org.exchangehub.hub.audit;

import java.util.concurrent.Callable;
import org.exchangehub.hub.verify.DataDirectoryCheck;
import org.exchangehub.hub.verify.HubDataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    DataDirectoryCheck check;

    @Override
    public Integer call() throws Exception {
        try (HubDataDirectory hub = check.open()) {
            AuditCheckResult result =
                    new AuditChainCheck(hub.jdbc(), hub.ledger(check.mspId(), check.channel())).check();
            return check.answer(result, result.intact());
        }
    }
}
