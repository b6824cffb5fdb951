package org.exchangehub.hub.policy;

import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.record.PublishGate;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.SourceSignature;
import org.springframework.stereotype.Component;

/** The publish gate from the access policy: the agency's publish right on the type, and its source signature. */
@Component
class PolicyPublishGate implements PublishGate {

    private final AccessPolicy policy;
    private final SourceSignatures signatures;

    PolicyPublishGate(AccessPolicy policy, SourceSignatures signatures) {
        this.policy = policy;
        this.signatures = signatures;
    }

    @Override
    public SourceSignature admit(String agency, RecordType type, PublishRequest request, byte[] canonicalRecord) {
        policy.require(agency, Operation.PUBLISH, type);
        boolean signed = request.signature() != null && !request.signature().isBlank();
        if (!signed) {
            if (policy.requiresSourceSignature(agency)) {
                throw new ApiException(
                        ApiProblem.SOURCE_SIGNATURE_REQUIRED,
                        "agency '" + agency + "' must sign what it publishes: add \"signature\", a detached JWS over"
                                + " the canonical record {type, id, version, source, payload} (docs/security.md)");
            }
            return null;
        }
        if (canonicalRecord == null) {
            throw new ApiException(
                    ApiProblem.BAD_REQUEST,
                    "a signed record names its version (the signature covers it); " + type + "/" + request.id()
                            + " has none");
        }
        return signatures.check(agency, request.signature(), canonicalRecord);
    }
}
