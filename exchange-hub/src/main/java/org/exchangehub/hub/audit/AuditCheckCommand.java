package org.exchangehub.hub.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.exchangehub.chaincode.NotaryContract;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import org.exchangehub.hub.ledger.embedded.EmbeddedOrganization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
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
        if (!Files.isRegularFile(dataDir.resolve("hub.mv.db"))
                || !Files.isDirectory(dataDir.resolve("ledger-msp/msp"))) {
            throw new IllegalArgumentException(dataDir.toAbsolutePath()
                    + " is not a hub data directory (no hub.mv.db with an embedded ledger's ledger-msp/)");
        }
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(
                    "jdbc:h2:file:" + dataDir.resolve("hub").toAbsolutePath() + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE");
            pool.setUsername("hub");
            pool.setPassword("");
            pool.setMaximumPoolSize(2);
            JdbcClient jdbc = JdbcClient.create(pool);
            EmbeddedOrganization organization = EmbeddedOrganization.openOrCreate(dataDir.resolve("ledger-msp"), mspId);
            EmbeddedLedgerGateway ledger = new EmbeddedLedgerGateway(
                    jdbc,
                    new DataSourceTransactionManager(pool),
                    new NotaryContract(),
                    organization.client(),
                    organization.orderer(),
                    channel,
                    Clock.systemUTC(),
                    organization::issued);
            AuditCheckResult result = new AuditChainCheck(jdbc, new NotaryLedger(ledger)).check();
            spec.commandLine().getOut().println(JSON.writeValueAsString(result));
            return result.intact() ? 0 : 1;
        }
    }
}
