/**
 * RFC 6962 / RFC 9162 Merkle trees for notarization batches: {@link org.exchangehub.merkle.MerkleHasher} (SHA-256 or
 * SM3), {@link org.exchangehub.merkle.MerkleTree} (root and every leaf's audit path) and {@link
 * org.exchangehub.merkle.InclusionVerifier}. No Fabric here: the hub, the chaincode and a receiver with nothing but a
 * receipt use the same code.
 *
 * <p>A leaf's data is a record's digest, so its leaf hash is {@code H(0x00 || digest)}; interior nodes are {@code
 * H(0x01 || left || right)}.
 *
 * <p>Consistency proofs are deliberately absent. Each batch is its own tree, anchored once and never extended, and the
 * ledger (ordered, endorsed, hash-chained blocks) already gives every agency the same append-only history of roots;
 * there is no growing log whose later versions must be shown to extend earlier ones (see docs/adr/0002).
 */
package org.exchangehub.merkle;
