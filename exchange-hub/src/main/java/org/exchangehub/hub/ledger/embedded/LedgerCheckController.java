package org.exchangehub.hub.ledger.embedded;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded ledger's chain check for operators, as the ops page and the {@code ledger-check} command run it. Only
 * with the embedded ledger: a Fabric network's blocks are checked by its own peers, so there the path does not exist.
 */
@Tag(name = "ledger")
@RestController
@ConditionalOnProperty(prefix = "hub.ledger", name = "mode", havingValue = "embedded", matchIfMissing = true)
class LedgerCheckController {

    private final EmbeddedLedgerGateway ledger;

    LedgerCheckController(EmbeddedLedgerGateway ledger) {
        this.ledger = ledger;
    }

    @Operation(
            summary = "Re-check every block of the embedded ledger (data hash, link to the previous block, block hash,"
                    + " signature) and the world state against the history; the first problem and its block",
            description = "200 whether the chain is intact or not: `intact`, `height` (blocks checked), `badBlock`"
                    + " (the first bad block's number, -1 when the problem is no single block's, e.g. a world-state"
                    + " row) and `problem`. Operators only (HTTP Basic). Only with the embedded ledger"
                    + " (`hub.ledger.mode=embedded`).")
    @ApiResponse(responseCode = "200", description = "the check ran; `intact` says its outcome")
    @ApiResponse(
            responseCode = "401",
            description = "OPERATOR_LOGIN_REQUIRED",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @GetMapping("/api/v1/ledger/check")
    ChainCheckResult check() {
        return ledger.checkChain();
    }
}
