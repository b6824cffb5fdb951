package org.exchangehub.hub.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Check the audit chain against its anchors, and list recent entries. */
@Tag(name = "audit")
@RestController
class AuditController {

    private final AuditLog audit;
    private final AuditChainCheck check;

    AuditController(AuditLog audit, JdbcClient jdbc, NotaryLedger ledger) {
        this.audit = audit;
        this.check = new AuditChainCheck(jdbc, ledger);
    }

    @Operation(
            summary = "Recompute the audit chain, check it against its anchors on the ledger; the first bad entry",
            description = "Checks chained entries; entries not chained yet are counted in entriesPending.")
    @GetMapping("/api/v1/audit/check")
    AuditCheckResult check() {
        return check.check();
    }

    @Operation(
            summary = "Recent audit entries, newest first, of one agency (or actor) and record where given",
            description = "Entries recorded but not chained yet come first, with \"pending\": true and no seq or"
                    + " hashes; the chainer gives them their place within hub.audit.chain-interval (ADR 9).")
    @GetMapping("/api/v1/audit")
    List<AuditEntry> recent(
            @RequestParam Optional<String> agency,
            @RequestParam Optional<String> recordType,
            @RequestParam Optional<String> recordId,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ApiException(ApiProblem.BAD_REQUEST, "limit must be within 1..1000, got " + limit);
        }
        return audit.recent(agency.orElse(null), recordType.orElse(null), recordId.orElse(null), limit);
    }
}
