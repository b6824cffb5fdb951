package org.exchangehub.hub.ledger.embedded;

import org.springframework.modulith.NamedInterface;

/**
 * The outcome of checking the embedded ledger: intact, or the first problem found and the block it was found in
 * ({@code badBlock} is -1 when the problem is not one block's, e.g. a world-state row).
 */
@NamedInterface("embedded")
public record ChainCheckResult(boolean intact, long height, long badBlock, String problem) {

    static ChainCheckResult ok(long height) {
        return new ChainCheckResult(true, height, -1, null);
    }

    static ChainCheckResult broken(long height, long block, String problem) {
        return new ChainCheckResult(false, height, block, problem);
    }
}
