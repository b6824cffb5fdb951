package org.exchangehub.certs.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.Digest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestAlgorithmTests {

    private static String hex(DigestAlgorithm algorithm, String text) {
        return HexFormat.of().formatHex(algorithm.digest(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Nested
    class Digest256 {

        @Test
        void sha256OfAbcIsTheFips180Vector() {
            assertThat(hex(DigestAlgorithm.SHA_256, "abc"))
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        }

        @Test
        void sha256OfTheEmptyStringIsTheFips180Vector() {
            assertThat(hex(DigestAlgorithm.SHA_256, ""))
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }

        @Test
        void sm3OfAbcIsTheGbt32905Vector() {
            assertThat(hex(DigestAlgorithm.SM3, "abc"))
                    .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        }

        @Test
        void sm3Of64BytesIsTheGbt32905Vector() {
            assertThat(hex(DigestAlgorithm.SM3, "abcd".repeat(16)))
                    .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
        }

        @ParameterizedTest
        @EnumSource(DigestAlgorithm.class)
        void lightweightAndJcaDigestsAgreeWithDigest(DigestAlgorithm algorithm) {
            byte[] data = "exchange hub".getBytes(StandardCharsets.UTF_8);
            Digest lightweight = algorithm.newDigest();
            lightweight.update(data, 0, data.length);
            byte[] fromLightweight = new byte[lightweight.getDigestSize()];
            lightweight.doFinal(fromLightweight, 0);

            assertThat(fromLightweight).isEqualTo(algorithm.digest(data));
            assertThat(algorithm.newMessageDigest().digest(data)).isEqualTo(algorithm.digest(data));
            assertThat(fromLightweight).hasSize(algorithm.length());
        }
    }

    @Nested
    class ByName {

        @ParameterizedTest
        @CsvSource({"SHA-256,SHA_256", "sha256,SHA_256", "sha_256,SHA_256", " sm3 ,SM3", "SM3,SM3"})
        void acceptsStandardNamesInAnyCase(String name, DigestAlgorithm expected) {
            assertThat(DigestAlgorithm.byName(name)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"md5", "sha-1", ""})
        void refusesUnknownNamesListingTheAcceptedOnes(String name) {
            assertThatThrownBy(() -> DigestAlgorithm.byName(name))
                    .isInstanceOf(UnknownAlgorithmException.class)
                    .hasMessageContaining("'" + name + "'")
                    .hasMessageContaining("SHA-256, SM3")
                    .extracting(e -> ((UnknownAlgorithmException) e).requested())
                    .isEqualTo(name);
        }

        @Test
        void refusesNull() {
            assertThatThrownBy(() -> DigestAlgorithm.byName(null))
                    .isInstanceOf(UnknownAlgorithmException.class)
                    .hasMessageContaining("SHA-256, SM3");
        }
    }
}
