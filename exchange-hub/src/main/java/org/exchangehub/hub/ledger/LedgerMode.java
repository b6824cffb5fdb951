package org.exchangehub.hub.ledger;

/** Where the notary chaincode runs. */
public enum LedgerMode {
    /** In-process, over the hub's database: the default, for one machine. */
    EMBEDDED,
    /** On a Hyperledger Fabric network, through the Fabric Gateway. */
    FABRIC
}
