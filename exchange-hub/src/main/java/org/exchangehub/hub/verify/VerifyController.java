package org.exchangehub.hub.verify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Checks a record, a receipt or a digest against the ledger. */
@Tag(name = "verify")
@RestController
class VerifyController {

    private final RecordVerifier verifier;

    VerifyController(RecordVerifier verifier) {
        this.verifier = verifier;
    }

    @Operation(
            summary = "Verify a record (with or without its receipt) or a digest: GENUINE, TAMPERED, UNKNOWN,"
                    + " SUPERSEDED, REVOKED or PENDING, with the reasons and the ledger coordinates checked")
    @PostMapping("/api/v1/verify")
    Verification verify(@RequestBody VerifyRequest request) {
        return verifier.verify(request.record(), request.receipt(), request.digest());
    }
}
