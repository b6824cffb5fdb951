package org.exchangehub.hub.verify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.exchangehub.hub.api.AgencyResolver;
import org.exchangehub.hub.policy.AccessPolicy;
import org.exchangehub.hub.record.RecordType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Checks a record, a receipt or a digest against the ledger. */
@Tag(name = "verify")
@RestController
class VerifyController {

    private final RecordVerifier verifier;
    private final AgencyResolver agencies;
    private final AccessPolicy policy;

    VerifyController(RecordVerifier verifier, AgencyResolver agencies, AccessPolicy policy) {
        this.verifier = verifier;
        this.agencies = agencies;
        this.policy = policy;
    }

    @Operation(
            summary = "Verify a record (with or without its receipt) or a digest: GENUINE, TAMPERED, UNKNOWN,"
                    + " SUPERSEDED, REVOKED or PENDING, with the reasons and the ledger coordinates checked",
            description = "A receipt is checked member by member (docs/verify.md): its record key and digest against"
                    + " the record, hash algorithm, leaf index, tree size, audit path and both copies of the Merkle"
                    + " root against the recomputed root and the ledger's batch, the signed tree head (signature,"
                    + " trusted signer, its statement equal to the proof), the ledger coordinates (mode, channel,"
                    + " transaction id, block number, anchoredAt) against the ledger's, the source signature, and"
                    + " every member, receiptId and acceptedAt included, against the receipt the hub issued. Any"
                    + " difference is TAMPERED with a reason starting with the member's JSON path (e.g."
                    + " 'receipt.ledger.blockNumber: …'); a proof that cannot be one is 'receipt.proof is"
                    + " malformed', a well-formed one leading elsewhere a 'root mismatch'. A batch the ledger does not"
                    + " hold is UNKNOWN. The answer's ledger coordinates are always the ledger's own.")
    @PostMapping("/api/v1/verify")
    Verification verify(@RequestBody VerifyRequest request, HttpServletRequest http) {
        String agency = agencies.agency(http);
        Optional<RecordType> type = request.record() == null
                ? Optional.empty()
                : RecordType.byName(request.record().path("type").asText());
        if (type.isPresent()) {
            policy.require(agency, org.exchangehub.hub.policy.Operation.VERIFY, type.get());
        } else {
            policy.requireAny(agency, org.exchangehub.hub.policy.Operation.VERIFY);
        }
        return verifier.verify(request.record(), request.receipt(), request.digest());
    }
}
