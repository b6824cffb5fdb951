package org.exchangehub.certs.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.exchangehub.certs.digest.UnknownAlgorithmException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureAlgorithmTests {

    private static final byte[] RECORD = "{\"id\":\"H-1\",\"owner\":\"Li\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<SignatureAlgorithm, KeyPair> KEYS = new EnumMap<>(SignatureAlgorithm.class);

    @BeforeAll
    static void generateOneKeyPairPerAlgorithm() {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            KEYS.put(algorithm, algorithm.generateKeyPair());
        }
    }

    private static SignatureAlgorithm other(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.SM2 ? SignatureAlgorithm.ECDSA_P256 : SignatureAlgorithm.SM2;
    }

    @Nested
    class ByName {

        @ParameterizedTest
        @CsvSource({"ecdsa-p256,ECDSA_P256", "ECDSA_P256,ECDSA_P256", "secp256r1,ECDSA_P256", "SM2,SM2", "sm2p256v1,SM2"
        })
        void acceptsStandardEnumAndCurveNames(String name, SignatureAlgorithm expected) {
            assertThat(SignatureAlgorithm.byName(name)).isEqualTo(expected);
        }

        @Test
        void refusesUnknownNamesListingTheAcceptedOnes() {
            assertThatThrownBy(() -> SignatureAlgorithm.byName("rsa"))
                    .isInstanceOf(UnknownAlgorithmException.class)
                    .hasMessage("unknown signature algorithm 'rsa'; expected one of: ecdsa-p256, sm2");
        }

        @Test
        void describesItsJcaNameAndCurve() {
            assertThat(SignatureAlgorithm.ECDSA_P256.jcaName()).isEqualTo("SHA256withECDSA");
            assertThat(SignatureAlgorithm.SM2.jcaName()).isEqualTo("SM3withSM2");
            assertThat(SignatureAlgorithm.SM2.curveName()).isEqualTo("sm2p256v1");
        }
    }

    @Nested
    class SignAndVerify {

        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void verifiesItsOwnSignature(SignatureAlgorithm algorithm) {
            KeyPair keys = KEYS.get(algorithm);

            byte[] signature = algorithm.sign(keys.getPrivate(), RECORD);

            assertThat(algorithm.verify(keys.getPublic(), RECORD, signature)).isTrue();
        }

        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void rejectsTamperedData(SignatureAlgorithm algorithm) {
            KeyPair keys = KEYS.get(algorithm);
            byte[] signature = algorithm.sign(keys.getPrivate(), RECORD);
            byte[] tampered = RECORD.clone();
            tampered[7] ^= 1;

            assertThat(algorithm.verify(keys.getPublic(), tampered, signature)).isFalse();
        }

        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void rejectsATamperedOrMalformedSignature(SignatureAlgorithm algorithm) {
            KeyPair keys = KEYS.get(algorithm);
            byte[] signature = algorithm.sign(keys.getPrivate(), RECORD);
            byte[] flippedInR = signature.clone();
            flippedInR[8] ^= 0x40;
            byte[] truncated = Arrays.copyOf(signature, signature.length - 1);

            assertThat(algorithm.verify(keys.getPublic(), RECORD, flippedInR)).isFalse();
            assertThat(algorithm.verify(keys.getPublic(), RECORD, truncated)).isFalse();
            assertThat(algorithm.verify(keys.getPublic(), RECORD, new byte[] {1, 2, 3}))
                    .isFalse();
        }

        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void rejectsASignatureOfAnotherKey(SignatureAlgorithm algorithm) {
            byte[] signature = algorithm.sign(algorithm.generateKeyPair().getPrivate(), RECORD);

            assertThat(algorithm.verify(KEYS.get(algorithm).getPublic(), RECORD, signature))
                    .isFalse();
        }

        @Test
        void writesEcdsaSignaturesInLowSFormAsFabricRequires() {
            BigInteger halfOrder =
                    ECNamedCurveTable.getByName("secp256r1").getN().shiftRight(1);
            KeyPair keys = KEYS.get(SignatureAlgorithm.ECDSA_P256);
            for (int i = 0; i < 16; i++) {
                byte[] signature = SignatureAlgorithm.ECDSA_P256.sign(keys.getPrivate(), RECORD);
                BigInteger s = ASN1Integer.getInstance(
                                ASN1Sequence.getInstance(signature).getObjectAt(1))
                        .getValue();

                assertThat(s).isLessThanOrEqualTo(halfOrder);
                assertThat(SignatureAlgorithm.ECDSA_P256.verify(keys.getPublic(), RECORD, signature))
                        .isTrue();
            }
        }

        @Test
        void signsSm2WithTheStandardDefaultUserId() throws Exception {
            KeyPair keys = KEYS.get(SignatureAlgorithm.SM2);
            byte[] signature = SignatureAlgorithm.SM2.sign(keys.getPrivate(), RECORD);

            // Bouncy Castle without parameters applies GB/T 35276's default ID "1234567812345678".
            Signature plain = Signature.getInstance("SM3withSM2", BouncyCastle.provider());
            plain.initVerify(keys.getPublic());
            plain.update(RECORD);

            assertThat(plain.verify(signature)).isTrue();
            assertThat(SignatureAlgorithm.SM2_DEFAULT_USER_ID).isEqualTo("1234567812345678");
        }
    }

    @Nested
    class KeyChecks {

        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void refusesToSignWithAKeyOfTheOtherAlgorithm(SignatureAlgorithm algorithm) {
            KeyPair foreign = KEYS.get(other(algorithm));

            assertThatThrownBy(() -> algorithm.sign(foreign.getPrivate(), RECORD))
                    .isInstanceOf(UnsuitableKeyException.class)
                    .hasMessageContaining(algorithm.standardName() + " needs a key on curve " + algorithm.curveName())
                    .hasMessageContaining("a " + other(algorithm).standardName() + " key");
        }

        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void refusesToVerifyWithAKeyOfTheOtherAlgorithm(SignatureAlgorithm algorithm) {
            byte[] signature = algorithm.sign(KEYS.get(algorithm).getPrivate(), RECORD);

            assertThatThrownBy(() -> algorithm.verify(KEYS.get(other(algorithm)).getPublic(), RECORD, signature))
                    .isInstanceOf(UnsuitableKeyException.class);
        }

        @Test
        void refusesKeysThatAreNotEllipticCurveKeys() throws Exception {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            KeyPair keys = rsa.generateKeyPair();

            assertThatThrownBy(() -> SignatureAlgorithm.ECDSA_P256.sign(keys.getPrivate(), RECORD))
                    .isInstanceOf(UnsuitableKeyException.class)
                    .hasMessageContaining("given a RSA key");
            assertThatThrownBy(() -> SignatureAlgorithm.forKey(null)).hasMessageContaining("no key given");
        }

        @Test
        void refusesKeysOnOtherCurves() throws Exception {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(384);
            KeyPair p384 = ec.generateKeyPair();

            assertThatThrownBy(() -> SignatureAlgorithm.forKey(p384.getPublic()))
                    .isInstanceOf(UnsuitableKeyException.class)
                    .hasMessageContaining("384 bits");
            assertThatThrownBy(() -> SignatureAlgorithm.SM2.verify(p384.getPublic(), RECORD, new byte[8]))
                    .hasMessageContaining("an EC key on another curve");
        }

        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void tellsTheAlgorithmOfAKey(SignatureAlgorithm algorithm) {
            assertThat(SignatureAlgorithm.forKey(KEYS.get(algorithm).getPublic()))
                    .isEqualTo(algorithm);
            assertThat(SignatureAlgorithm.forKey(KEYS.get(algorithm).getPrivate()))
                    .isEqualTo(algorithm);
        }
    }

    @Nested
    class BouncyCastleRegistration {

        @Test
        void registersBouncyCastleOnceAndReusesIt() {
            Provider first = BouncyCastle.provider();

            assertThat(BouncyCastle.provider()).isSameAs(first);
            assertThat(Security.getProvider("BC")).isSameAs(first);
        }
    }
}
