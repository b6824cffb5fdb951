package org.exchangehub.hub.verify;

import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.hub.notary.HubSigner;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.RecordProperties;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.security.SecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VerifyConfiguration {

    @Bean
    LedgerRoots ledgerRoots(NotaryLedger ledger) {
        return new LedgerRoots(ledger, 100_000);
    }

    @Bean
    RecordVerifier recordVerifier(
            RecordStore records,
            Receipts receipts,
            LedgerRoots roots,
            HubSigner signer,
            RecordProperties properties,
            SecurityConfiguration.AgencyTrust agencies) {
        return new RecordVerifier(
                records,
                receipts::of,
                roots,
                signer::trusts,
                DigestAlgorithm.byName(properties.hashAlgorithm()),
                agencies.authorities());
    }
}
