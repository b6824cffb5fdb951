package org.exchangehub.hub.ledger.embedded;

import java.time.Instant;
import java.util.List;
import org.exchangehub.hub.ledger.LedgerIdentity;

/** What a client proposes: a transaction of the notary chaincode, by whom, when, with which id. */
record TransactionProposal(
        String function,
        List<String> arguments,
        String transactionId,
        String channel,
        Instant timestamp,
        LedgerIdentity creator,
        byte[] binding) {

    TransactionProposal {
        arguments = List.copyOf(arguments);
    }
}
