package org.exchangehub.hub.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.RequestJson;

/**
 * A verify request from arbitrary bytes, read as the API reads it, then verified offline (no hub database, no ledger,
 * any signer trusted): a clean refusal (an {@link ApiException} with a 4xx status) or a verdict; never any other
 * exception, and never GENUINE without a ledger to confirm the root.
 */
class VerifyRequestFuzzTests {

    private static final RecordVerifier OFFLINE =
            new RecordVerifier(null, null, null, certificate -> true, DigestAlgorithm.SHA_256, List.of());

    @FuzzTest(maxDuration = "10s")
    void anyRequestIsRefusedCleanlyOrGetsAVerdict(byte[] body) {
        try {
            VerifyRequest request = RequestJson.read(body, VerifyRequest.class);
            Verification verification = OFFLINE.verify(request.record(), request.receipt(), request.digest());
            assertThat(verification.verdict()).isNotNull().isNotEqualTo(Verdict.GENUINE);
        } catch (ApiException refused) {
            assertThat(refused.problem().status().is4xxClientError())
                    .as("%s: %s", refused.problem(), refused.getMessage())
                    .isTrue();
        }
    }
}
