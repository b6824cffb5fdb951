/**
 * The notary chaincode for Hyperledger Fabric: {@link org.exchangehub.chaincode.NotaryContract} (anchor a batch's
 * Merkle root once, authorize the MSPs that may, check inclusion proofs), the {@link
 * org.exchangehub.chaincode.NotaryBatch} it stores, and {@link org.exchangehub.chaincode.NotaryChaincodeServer}, the
 * entry point that serves it as chaincode-as-a-service or hands over to the shim when the peer launches it.
 *
 * <p>The hub's embedded ledger calls {@code NotaryContract} directly with its own {@code Context}; the contract uses
 * only getState, putState, setEvent, getTxId and getTxTimestamp of the stub and getMSPID, getId, getX509Certificate and
 * assertAttributeValue of the client identity.
 */
package org.exchangehub.chaincode;
