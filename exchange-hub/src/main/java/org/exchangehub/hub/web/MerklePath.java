package org.exchangehub.hub.web;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.merkle.InclusionVerifier;
import org.exchangehub.merkle.MalformedProofException;
import org.exchangehub.merkle.MerkleHasher;

/**
 * A record's Merkle audit path climbed step by step from its leaf to the batch root (RFC 9162 section 2.1.3.2), so the
 * verify page can draw it: at each level the sibling hash from the receipt, which side it is on, and the node the two
 * make. The verdict never comes from here: {@code RecordVerifier} decides it; the climb is {@link InclusionVerifier}'s own,
 * watched level by level.
 *
 * @param leafHash {@code H(0x00 || digest)}
 * @param steps one per audit-path hash, from the leaf upwards
 * @param root the node the last step makes (the computed root)
 * @param ledgerRoot the batch root as read from the ledger, null when the ledger has none (yet)
 */
record MerklePath(
        String digest,
        String leafHash,
        long leafIndex,
        long treeSize,
        List<Step> steps,
        String root,
        String ledgerRoot) {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * One level: the node coming up from below, the sibling from the audit path on its left or right, and the parent
     * the two hash to ({@code H(0x01 || left || right)}).
     *
     * @param level 1 for the leaf's parent, counting up
     * @param from the node coming up (the leaf hash at level 1)
     */
    record Step(int level, boolean siblingOnLeft, String sibling, String from, String node) {

        public String left() {
            return siblingOnLeft ? sibling : from;
        }

        public String right() {
            return siblingOnLeft ? from : sibling;
        }
    }

    /** Whether the computed root is the root the ledger holds. */
    public boolean reachesLedgerRoot() {
        return ledgerRoot != null && ledgerRoot.equalsIgnoreCase(root);
    }

    /**
     * The path of {@code digest} under {@code proof}; empty when the proof cannot be climbed (a malformed path is shown
     * by the verdict's reasons, not drawn).
     */
    static Optional<MerklePath> of(String algorithmName, String digest, Receipt.Proof proof, String ledgerRoot) {
        if (algorithmName == null || digest == null || proof == null || proof.auditPath() == null) {
            return Optional.empty();
        }
        try {
            MerkleHasher hasher = MerkleHasher.of(DigestAlgorithm.byName(algorithmName));
            byte[] leaf = hasher.hashLeaf(HEX.parseHex(digest));
            List<byte[]> path = proof.auditPath().stream().map(HEX::parseHex).toList();
            List<Step> steps = new ArrayList<>();
            byte[] root = InclusionVerifier.rootFromInclusionProof(
                    hasher,
                    proof.leafIndex(),
                    proof.treeSize(),
                    leaf,
                    path,
                    (level, siblingOnLeft, sibling, from, parent) -> steps.add(new Step(
                            level, siblingOnLeft, HEX.formatHex(sibling), HEX.formatHex(from), HEX.formatHex(parent))));
            return Optional.of(new MerklePath(
                    digest,
                    HEX.formatHex(leaf),
                    proof.leafIndex(),
                    proof.treeSize(),
                    List.copyOf(steps),
                    HEX.formatHex(root),
                    ledgerRoot));
        } catch (IllegalArgumentException | MalformedProofException e) {
            return Optional.empty();
        }
    }
}
