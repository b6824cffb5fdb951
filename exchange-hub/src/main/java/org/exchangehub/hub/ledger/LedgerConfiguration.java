package org.exchangehub.hub.ledger;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.exchangehub.chaincode.NotaryContract;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import org.exchangehub.hub.ledger.embedded.EmbeddedOrganization;
import org.exchangehub.hub.ledger.fabric.FabricLedgerGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Chooses the ledger by {@code hub.ledger.mode}: the embedded one (default) or a Fabric network. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LedgerConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The embedded ledger with its own organization (made under the data directory at first start): an orderer
     * identity that signs blocks, an admin that authorizes the hub's MSP, and the hub's client identity that anchors.
     */
    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnProperty(prefix = "hub.ledger", name = "mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedLedgerGateway embeddedLedgerGateway(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            LedgerProperties properties,
            @Value("${hub.data-dir}") Path dataDir,
            Clock clock) {
        EmbeddedOrganization organization =
                EmbeddedOrganization.openOrCreate(dataDir.resolve("ledger-msp"), properties.mspId());
        EmbeddedLedgerGateway ledger = new EmbeddedLedgerGateway(
                JdbcClient.create(dataSource),
                transactionManager,
                new NotaryContract(),
                organization.client(),
                organization.orderer(),
                properties.channel(),
                clock,
                organization::issued);
        authorize(new NotaryLedger(ledger.as(organization.admin())), properties.mspId());
        log.info("Embedded ledger on channel {} at height {}", properties.channel(), ledger.height());
        return ledger;
    }

    /**
     * Authorizes the hub's MSP unless it is already. Two instances starting at once on one database may both find it
     * missing: the one whose AuthorizeMsp commits second read the list the first wrote and fails MVCC_READ_CONFLICT
     * (the embedded ledger validates read sets as Fabric does), so it looks again.
     */
    private static void authorize(NotaryLedger asAdmin, String mspId) {
        for (int attempt = 1; !asAdmin.authorizedMsps().contains(mspId); attempt++) {
            try {
                asAdmin.authorize(mspId);
                log.info("Embedded ledger: authorized {} to anchor batches", mspId);
                return;
            } catch (LedgerUnavailableException e) {
                if (attempt == 3) {
                    throw e;
                }
                log.info("Embedded ledger: authorizing {} again after {}", mspId, e.getMessage());
            }
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "hub.ledger", name = "mode", havingValue = "fabric")
    FabricLedgerGateway fabricLedgerGateway(LedgerProperties properties) {
        if (properties.fabric() == null) {
            throw new IllegalStateException(
                    "hub.ledger.mode=fabric needs hub.ledger.fabric.* (peer-endpoint, msp-id, certificate, private-key,"
                            + " tls-ca-certificate); see docs/fabric.md");
        }
        return FabricLedgerGateway.connect(properties.fabric(), properties.channel(), properties.chaincode());
    }

    @Bean
    NotaryLedger notaryLedger(LedgerGateway gateway) {
        return new NotaryLedger(gateway);
    }
}
