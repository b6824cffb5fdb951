package org.exchangehub.hub.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.RequestJson;

/**
 * The publish path on arbitrary bytes, in-process: the request reader, the envelope, the publisher's checks that need
 * no database (type, version, canonical payload, size, schema, id), then the canonical record and its digest. Either a
 * clean refusal (an {@link ApiException} with a 4xx status) or a record whose canonical form reads back to itself and
 * whose digest is the same however often it is computed; never any other exception.
 */
class PublishPathFuzzTests {

    private static final RecordPublisher PUBLISHER = new RecordPublisher(
            null,
            new RecordSchemas(),
            new RecordProperties("SHA-256", 65536, 32),
            (agency, type, request, canonicalRecord) -> null,
            null,
            Clock.systemUTC(),
            event -> {});

    @FuzzTest(maxDuration = "10s")
    void anyBodyIsRefusedCleanlyOrNotarizedAsItWasSent(byte[] body) {
        RecordPublisher.Checked checked;
        try {
            checked = PUBLISHER.check("housing", RequestJson.read(body, PublishRequest.class));
        } catch (ApiException refused) {
            assertThat(refused.problem().status().is4xxClientError())
                    .as("%s: %s", refused.problem(), refused.getMessage())
                    .isTrue();
            return;
        }
        byte[] canonicalPayload = checked.canonicalPayload();
        // the canonical form reads back, through the same reader, to the same canonical form
        JsonNode again = RequestJson.readTree(canonicalPayload);
        assertThat(JsonCanonicalizer.canonicalizeExact(again)).isEqualTo(canonicalPayload);
        assertThat(JsonCanonicalizer.canonicalize(new String(canonicalPayload, StandardCharsets.UTF_8)))
                .isEqualTo(canonicalPayload);
        // the digest of the canonical record is stable, whichever way the envelope is assembled
        int version = checked.version() == null ? 1 : checked.version();
        byte[] record =
                RecordEnvelope.canonical(checked.type(), checked.id(), version, checked.source(), canonicalPayload);
        String digest = RecordEnvelope.digest(
                RecordEnvelope.of(checked.type(), checked.id(), version, checked.source(), again),
                DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.SHA_256.digest(record))
                .isEqualTo(DigestAlgorithm.SHA_256.digest(RecordEnvelope.canonical(
                        checked.type(), checked.id(), version, checked.source(), canonicalPayload)));
        assertThat(java.util.HexFormat.of().formatHex(DigestAlgorithm.SHA_256.digest(record)))
                .isEqualTo(digest);
    }
}
