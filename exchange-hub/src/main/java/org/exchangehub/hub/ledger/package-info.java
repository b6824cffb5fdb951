/**
 * The notary ledger: {@link org.exchangehub.hub.ledger.NotaryLedger} (anchor a batch root, read a batch back) over a
 * {@link org.exchangehub.hub.ledger.LedgerGateway}, embedded (the chaincode class in-process, its blocks and world
 * state in the {@code ledger_*} tables) or a Fabric network. Its sub-packages are internal except the named
 * interfaces {@code ledger::embedded} (open an embedded ledger from a data directory, check its chain) and
 * {@code ledger::fabric} (connect to a Fabric gateway from a properties file), which the offline commands and the
 * operators' ledger page use.
 */
@ApplicationModule(allowedDependencies = "api")
package org.exchangehub.hub.ledger;

import org.springframework.modulith.ApplicationModule;
