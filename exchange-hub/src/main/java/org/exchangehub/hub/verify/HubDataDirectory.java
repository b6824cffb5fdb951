package org.exchangehub.hub.verify;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.chaincode.NotaryContract;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import org.exchangehub.hub.ledger.embedded.EmbeddedOrganization;
import org.exchangehub.hub.notary.NotaryStore;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.RecordStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A hub's data directory opened from outside the hub: its H2 database (shared with a running hub through H2's
 * auto-server), its embedded ledger and its development CA. Nothing is written, nothing is created.
 */
public final class HubDataDirectory implements AutoCloseable {

    private final Path dir;
    private final HikariDataSource pool;

    private HubDataDirectory(Path dir, HikariDataSource pool) {
        this.dir = dir;
        this.pool = pool;
    }

    /** Opens {@code dir}; refuses a folder that is not a hub data directory with an embedded ledger. */
    public static HubDataDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve("hub.mv.db")) || !Files.isDirectory(dir.resolve("ledger-msp/msp"))) {
            throw new IllegalArgumentException(dir.toAbsolutePath()
                    + " is not a hub data directory (no hub.mv.db with an embedded ledger's ledger-msp/)");
        }
        String url = "jdbc:h2:file:" + dir.resolve("hub").toAbsolutePath() + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("hub");
        pool.setPassword("");
        pool.setMaximumPoolSize(2);
        return new HubDataDirectory(dir, pool);
    }

    /** The hub's CA (its development PKI), if there is one. */
    X509Certificate caCertificate() {
        Path ca = dir.resolve("pki/ca/ca.crt");
        return Files.isRegularFile(ca) ? Pem.readCertificate(ca) : null;
    }

    /**
     * @param mspId the embedded ledger's MSP id ({@code hub.ledger.msp-id}); it only names the reader here
     * @param channel the channel name the hub reports ({@code hub.ledger.channel})
     */
    RecordVerifier verifier(
            Predicate<X509Certificate> trustedSigner,
            String mspId,
            String channel,
            List<X509Certificate> agencyAuthorities) {
        JdbcClient jdbc = jdbc();
        RecordStore records = new RecordStore(jdbc);
        Receipts receipts = Receipts.reading(records, new NotaryStore(jdbc, new JdbcTemplate(pool)));
        String algorithm = records.firstHashAlgorithm().orElse("SHA-256");
        return new RecordVerifier(
                records,
                receipts::of,
                new LedgerRoots(ledger(mspId, channel), 1024),
                trustedSigner,
                DigestAlgorithm.byName(algorithm),
                agencyAuthorities);
    }

    /** The hub's database. */
    public JdbcClient jdbc() {
        return JdbcClient.create(pool);
    }

    /**
     * The embedded ledger, read through the same contract class as the hub.
     *
     * @param mspId the embedded ledger's MSP id ({@code hub.ledger.msp-id}); it only names the reader here
     * @param channel the channel name the hub reports ({@code hub.ledger.channel})
     */
    public NotaryLedger ledger(String mspId, String channel) {
        EmbeddedOrganization organization = EmbeddedOrganization.openOrCreate(dir.resolve("ledger-msp"), mspId);
        return new NotaryLedger(new EmbeddedLedgerGateway(
                jdbc(),
                new DataSourceTransactionManager(pool),
                new NotaryContract(),
                organization.client(),
                organization.orderer(),
                channel,
                Clock.systemUTC(),
                organization::issued));
    }

    @Override
    public void close() {
        pool.close();
    }
}
