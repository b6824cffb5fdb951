package org.exchangehub.certs.jws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link DetachedJws#verify} with what a caller can send: any JWS text and any payload, starting from genuine
 * signatures and their mutations. Invariant: a {@link JwsException} (the library's refusal) or a verification of
 * exactly the header and payload a signer signed; never any other exception.
 *
 * <p>An input is the JWS on its first line and the payload after the first line feed. Run in fuzzing mode with
 * {@code JAZZER_FUZZ=1}; in {@code mvn test} it replays {@code DetachedJwsFuzzTestsInputs/}.
 */
class DetachedJwsFuzzTests {

    /** Signed once with throwaway keys; {@code verify} needs only the certificate the JWS carries in {@code x5c}. */
    private static final List<Signed> GENUINE = List.of(
            Signed.read("genuine/es256-housing.jws-and-payload"), Signed.read("genuine/sm2-housing.jws-and-payload"));

    @FuzzTest
    void verifyRefusesCleanlyOrAcceptsOnlyWhatWasSigned(byte[] input) {
        Signed claimed = Signed.parse(input);
        VerifiedJws verified;
        try {
            verified = DetachedJws.verify(claimed.jws(), claimed.payload());
        } catch (JwsException refused) {
            assertThat(refused.reason()).isNotNull();
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        // The fuzzer cannot forge a signature, so only a genuine header and payload may pass. (An ECDSA signature
        // (r, s) has a twin (r, n - s) that verifies too: the signature part is not compared, what it signs is.)
        String header = claimed.jws().strip().split("\\.", -1)[0];
        assertThat(GENUINE)
                .as("a JWS verified that no one signed: %s", claimed.jws())
                .anySatisfy(genuine -> {
                    assertThat(header).isEqualTo(genuine.header());
                    assertThat(claimed.payload()).isEqualTo(genuine.payload());
                });
        assertThat(verified.signer()).isNotNull();
        assertThat(verified.protectedHeader()).isNotBlank();
    }

    /** A JWS and the payload it is claimed to sign. */
    private record Signed(String jws, byte[] payload) {

        static Signed parse(byte[] input) {
            int lineFeed = indexOf(input, (byte) '\n');
            if (lineFeed < 0) {
                return new Signed(new String(input, StandardCharsets.UTF_8), new byte[0]);
            }
            return new Signed(
                    new String(input, 0, lineFeed, StandardCharsets.UTF_8),
                    Arrays.copyOfRange(input, lineFeed + 1, input.length));
        }

        static Signed read(String resource) {
            try (InputStream in = DetachedJwsFuzzTests.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + resource);
                }
                return parse(in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        }

        String header() {
            return jws.substring(0, jws.indexOf('.'));
        }

        private static int indexOf(byte[] bytes, byte wanted) {
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == wanted) {
                    return i;
                }
            }
            return -1;
        }
    }
}
