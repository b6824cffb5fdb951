package org.exchangehub.certs.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.CertificateProfile;
import org.exchangehub.certs.ca.Credential;
import org.exchangehub.certs.ca.SubjectAlternativeNames;
import org.exchangehub.certs.jws.JwsException.Reason;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.certs.sign.UnsuitableKeyException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DetachedJwsTests {

    private static final byte[] PAYLOAD =
            "{\"id\":\"H-1\",\"payload\":{\"owner\":\"Li\"},\"source\":\"housing\",\"type\":\"deed\",\"version\":1}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final Instant SIGNED_AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private static CertificateAuthority ca;
    private static CertificateAuthority otherCa;
    private static CertificateAuthority sm2Ca;
    private static Credential signer;
    private static Credential sm2Signer;

    @BeforeAll
    static void makePkis() {
        ca = authority(SignatureAlgorithm.ECDSA_P256, "root");
        otherCa = authority(SignatureAlgorithm.ECDSA_P256, "root"); // same name, other key
        sm2Ca = authority(SignatureAlgorithm.SM2, "sm2 root");
        signer = signingCredential(ca, "housing");
        sm2Signer = signingCredential(sm2Ca, "tax");
    }

    private static CertificateAuthority authority(SignatureAlgorithm algorithm, String name) {
        return CertificateAuthority.selfSigned(
                algorithm, new X500Name("O=test,CN=" + name), CertificateProfile.ROOT_CA, Duration.ofDays(30));
    }

    private static Credential signingCredential(CertificateAuthority authority, String agency) {
        return authority.issue(
                new X500Name("O=test,CN=" + agency),
                CertificateProfile.SIGNING,
                List.of(SubjectAlternativeNames.agency(agency)),
                Duration.ofDays(10));
    }

    private static String sign(Credential credential, CertificateAuthority authority) {
        return DetachedJws.sign(
                credential.privateKey(),
                List.of(credential.certificate(), authority.certificate()),
                PAYLOAD,
                SIGNED_AT);
    }

    private static String x5c(X509Certificate certificate) throws Exception {
        return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }

    /** A compact JWS over PAYLOAD with any header, signed by the JDK's own r||s ECDSA: no code under test. */
    private static String withHeader(String headerJson) throws Exception {
        String header = B64URL.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8));
        Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
        p1363.initSign(signer.privateKey());
        p1363.update((header + ".").getBytes(StandardCharsets.US_ASCII));
        p1363.update(PAYLOAD);
        return header + ".." + B64URL.encodeToString(p1363.sign());
    }

    private static String header(String alg, String b64, String crit, String x5c, String sigT) {
        StringBuilder json = new StringBuilder("{");
        if (alg != null) {
            json.append("\"alg\":").append(alg).append(',');
        }
        if (b64 != null) {
            json.append("\"b64\":").append(b64).append(',');
        }
        if (crit != null) {
            json.append("\"crit\":").append(crit).append(',');
        }
        if (x5c != null) {
            json.append("\"x5c\":").append(x5c).append(',');
        }
        if (sigT != null) {
            json.append("\"sigT\":").append(sigT).append(',');
        }
        json.setLength(json.length() - 1);
        return json.append('}').toString();
    }

    private static String goodX5c() throws Exception {
        return "[\"" + x5c(signer.certificate()) + "\"]";
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(JwsException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((JwsException) e).reason())
                .isEqualTo(reason);
    }

    @Nested
    class Rfc7797 {

        private static final String RFC_HEADER = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19";
        private static final String RFC_SIGNATURE = "A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY";
        /** The HMAC key of RFC 7515 appendix A.1, which RFC 7797 section 4 uses. */
        private static final String RFC_KEY =
                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

        @Test
        void buildsTheSigningInputOfTheSection42ExampleExactly() throws Exception {
            String header = B64URL.encodeToString(
                    "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}".getBytes(StandardCharsets.UTF_8));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(RFC_KEY), "HmacSHA256"));

            byte[] input = DetachedJws.signingInput(header, "$.02".getBytes(StandardCharsets.US_ASCII));

            assertThat(header).isEqualTo(RFC_HEADER);
            assertThat(new String(input, StandardCharsets.US_ASCII)).isEqualTo(RFC_HEADER + ".$.02");
            assertThat(B64URL.encodeToString(hmac.doFinal(input))).isEqualTo(RFC_SIGNATURE);
        }

        @Test
        void wouldNotMatchTheRfcWithAnEncodedPayload() throws Exception {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(RFC_KEY), "HmacSHA256"));

            byte[] encodedInput = DetachedJws.signingInput(RFC_HEADER, "JC4wMg".getBytes(StandardCharsets.US_ASCII));

            assertThat(B64URL.encodeToString(hmac.doFinal(encodedInput))).isNotEqualTo(RFC_SIGNATURE);
        }
    }

    @Nested
    class SignAndVerify {

        @Test
        void writesTheProfileHeaderAndAnEmptyPayloadPart() throws Exception {
            String jws = sign(signer, ca);
            String[] parts = jws.split("\\.", -1);

            assertThat(parts).hasSize(3);
            assertThat(parts[1]).isEmpty();
            assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                    .isEqualTo("{\"alg\":\"ES256\",\"b64\":false,\"crit\":[\"b64\"],\"x5c\":[\""
                            + x5c(signer.certificate()) + "\",\"" + x5c(ca.certificate()) + "\"],\"sigT\":\""
                            + SIGNED_AT + "\"}");
            assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
        }

        @Test
        void verifiesAndReportsSignerChainTimeAndAlg() {
            VerifiedJws verified = DetachedJws.verify(sign(signer, ca), PAYLOAD);

            assertThat(verified.signer()).isEqualTo(signer.certificate());
            assertThat(verified.chain()).containsExactly(signer.certificate(), ca.certificate());
            assertThat(verified.signingTime()).isEqualTo(SIGNED_AT);
            assertThat(verified.alg()).isEqualTo("ES256");
            assertThat(verified.algorithm()).isEqualTo(JwsAlgorithm.ES256);
            assertThat(verified.protectedHeader()).startsWith("{\"alg\":\"ES256\",\"b64\":false");
        }

        @Test
        void truncatesTheSigningTimeToSeconds() {
            Instant withNanos = SIGNED_AT.plusMillis(789);
            String jws = DetachedJws.sign(signer.privateKey(), List.of(signer.certificate()), PAYLOAD, withNanos);

            assertThat(DetachedJws.verify(jws, PAYLOAD).signingTime()).isEqualTo(SIGNED_AT);
        }

        @Test
        void producesWhatAnIndependentR1363VerifierAccepts() throws Exception {
            String[] parts = sign(signer, ca).split("\\.", -1);
            Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
            p1363.initVerify(signer.certificate().getPublicKey());
            p1363.update((parts[0] + ".").getBytes(StandardCharsets.US_ASCII));
            p1363.update(PAYLOAD);

            assertThat(p1363.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        }

        @Test
        void acceptsWhatTheJdkSignedInR1363FormatOverTheProfileHeader() throws Exception {
            String jws = withHeader(header("\"ES256\"", "false", "[\"b64\"]", goodX5c(), "\"" + SIGNED_AT + "\""));

            assertThat(DetachedJws.verify(jws, PAYLOAD).signer()).isEqualTo(signer.certificate());
        }

        @Test
        void signsAndVerifiesSm2AsRawRs() throws Exception {
            String jws = sign(sm2Signer, sm2Ca);
            String[] parts = jws.split("\\.", -1);

            VerifiedJws verified = DetachedJws.verify(jws, PAYLOAD);

            assertThat(verified.alg()).isEqualTo("SM2");
            assertThat(verified.signer()).isEqualTo(sm2Signer.certificate());
            // Bouncy Castle's lightweight SM2 signer with plain r||s encoding and the default user ID agrees
            SM2Signer independent = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
            independent.init(
                    false,
                    new ParametersWithID(
                            ECUtil.generatePublicKeyParameter(
                                    sm2Signer.certificate().getPublicKey()),
                            SignatureAlgorithm.SM2_DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII)));
            byte[] input = (parts[0] + ".").getBytes(StandardCharsets.US_ASCII);
            independent.update(input, 0, input.length);
            independent.update(PAYLOAD, 0, PAYLOAD.length);
            assertThat(independent.verifySignature(Base64.getUrlDecoder().decode(parts[2])))
                    .isTrue();
        }

        @Test
        void refusesAnotherPayload() {
            byte[] tampered = PAYLOAD.clone();
            tampered[10] ^= 1;

            assertRefused(
                    () -> DetachedJws.verify(sign(signer, ca), tampered),
                    Reason.SIGNATURE_INVALID,
                    "the ES256 signature does not verify over this payload");
            assertRefused(
                    () -> DetachedJws.verify(sign(signer, ca), new byte[0]), Reason.SIGNATURE_INVALID, "(0 bytes)");
        }

        @Test
        void refusesATamperedHeader() {
            String jws = sign(signer, ca);
            String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))));
            String later = header.replace(
                    SIGNED_AT.toString(), SIGNED_AT.plusSeconds(3600).toString());
            String tampered =
                    B64URL.encodeToString(later.getBytes(StandardCharsets.UTF_8)) + jws.substring(jws.indexOf('.'));

            assertRefused(() -> DetachedJws.verify(tampered, PAYLOAD), Reason.SIGNATURE_INVALID, "does not verify");
        }

        @Test
        void refusesATamperedSignature() {
            String jws = sign(signer, ca);
            byte[] signature = Base64.getUrlDecoder().decode(jws.substring(jws.lastIndexOf('.') + 1));
            signature[40] ^= 0x10;
            String tampered = jws.substring(0, jws.lastIndexOf('.') + 1) + B64URL.encodeToString(signature);

            assertRefused(() -> DetachedJws.verify(tampered, PAYLOAD), Reason.SIGNATURE_INVALID, "does not verify");
        }

        @Test
        void refusesTheSignatureOfAnotherKeyWithTheSameCertificate() {
            Credential impostor = signingCredential(otherCa, "housing");
            String jws = DetachedJws.sign(impostor.privateKey(), List.of(impostor.certificate()), PAYLOAD, SIGNED_AT);
            String header = jws.substring(0, jws.indexOf('.'));
            String json = new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
            String swapped;
            try {
                swapped = json.replace(x5c(impostor.certificate()), x5c(signer.certificate()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            String forged =
                    B64URL.encodeToString(swapped.getBytes(StandardCharsets.UTF_8)) + jws.substring(jws.indexOf('.'));

            assertRefused(() -> DetachedJws.verify(forged, PAYLOAD), Reason.SIGNATURE_INVALID, "CN=housing");
        }
    }

    @Nested
    class SignRefusals {

        @Test
        void needsTheSignerCertificate() {
            assertThatThrownBy(() -> DetachedJws.sign(signer.privateKey(), List.of(), PAYLOAD, SIGNED_AT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("x5c needs at least the signer's certificate");
        }

        @Test
        void refusesACertificateThatIsNotTheKeys() {
            assertThatThrownBy(
                            () -> DetachedJws.sign(signer.privateKey(), List.of(ca.certificate()), PAYLOAD, SIGNED_AT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the private key does not belong to the first certificate of the chain")
                    .hasMessageContaining("CN=root");
            assertThatThrownBy(() ->
                            DetachedJws.sign(signer.privateKey(), List.of(sm2Signer.certificate()), PAYLOAD, SIGNED_AT))
                    .hasMessageContaining("does not belong");
        }

        @Test
        void refusesKeysOfOtherAlgorithms() throws Exception {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            PrivateKey key = rsa.generateKeyPair().getPrivate();

            assertThatThrownBy(() -> DetachedJws.sign(key, List.of(signer.certificate()), PAYLOAD, SIGNED_AT))
                    .isInstanceOf(UnsuitableKeyException.class)
                    .hasMessageContaining("RSA");
        }
    }

    @Nested
    class VerifyRefusals {

        @ParameterizedTest
        @ValueSource(strings = {"abc", "a.b", "a..b.c", ""})
        void refusesWhatIsNotThreeParts(String compact) {
            assertRefused(
                    () -> DetachedJws.verify(compact, PAYLOAD),
                    Reason.MALFORMED,
                    "a compact JWS has three parts separated by '.'");
        }

        @Test
        void refusesAnAttachedPayload() {
            String jws = sign(signer, ca);
            String attached = jws.replace("..", "." + B64URL.encodeToString(PAYLOAD) + ".");

            assertRefused(
                    () -> DetachedJws.verify(attached, PAYLOAD),
                    Reason.PAYLOAD_NOT_DETACHED,
                    "the payload part is not empty");
        }

        @Test
        void refusesBadBase64InTheHeaderOrSignature() {
            String jws = sign(signer, ca);
            String header = jws.substring(0, jws.indexOf('.'));
            String signature = jws.substring(jws.lastIndexOf('.') + 1);

            assertRefused(
                    () -> DetachedJws.verify("eyJ+YWxn.." + signature, PAYLOAD),
                    Reason.BAD_BASE64,
                    "the protected header is not base64url without padding");
            assertRefused(
                    () -> DetachedJws.verify(header + ".." + signature + "==", PAYLOAD),
                    Reason.BAD_BASE64,
                    "the signature is not base64url without padding");
            assertRefused(
                    () -> DetachedJws.verify(header + ".." + signature + "AAA", PAYLOAD),
                    Reason.BAD_BASE64,
                    "the signature is not valid base64url (wrong length or trailing bits)");
            // 64 bytes take 86 characters; the last one carries 4 unused bits, which must be zero
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char last = signature.charAt(signature.length() - 1);
            String trailingBits =
                    signature.substring(0, signature.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
            assertRefused(
                    () -> DetachedJws.verify(header + ".." + trailingBits, PAYLOAD),
                    Reason.BAD_BASE64,
                    "the signature is not valid base64url (wrong length or trailing bits)");
        }

        @Test
        void refusesAHeaderThatIsNotAJsonObject() throws Exception {
            assertRefused(
                    () -> DetachedJws.verify(withHeader("{\"alg\":\"ES256\""), PAYLOAD),
                    Reason.BAD_HEADER,
                    "the protected header is not JSON");
            assertRefused(
                    () -> DetachedJws.verify(withHeader("[\"ES256\"]"), PAYLOAD),
                    Reason.BAD_HEADER,
                    "not a JSON object");
            assertRefused(
                    () -> DetachedJws.verify(withHeader("{\"alg\":\"ES256\",\"alg\":\"none\"}"), PAYLOAD),
                    Reason.BAD_HEADER,
                    "Duplicate field 'alg'");
        }

        @Test
        void refusesAnEncodedPayloadHeader() throws Exception {
            String time = "\"" + SIGNED_AT + "\"";
            assertRefused(
                    () -> DetachedJws.verify(withHeader(header("\"ES256\"", null, null, goodX5c(), time)), PAYLOAD),
                    Reason.B64_NOT_FALSE,
                    "it says nothing");
            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header("\"ES256\"", "true", "[\"b64\"]", goodX5c(), time)), PAYLOAD),
                    Reason.B64_NOT_FALSE,
                    "\"b64\":true");
            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header("\"ES256\"", "\"false\"", "[\"b64\"]", goodX5c(), time)), PAYLOAD),
                    Reason.B64_NOT_FALSE,
                    "\"b64\":\"false\"");
        }

        @Test
        void refusesB64NotMarkedCritical() throws Exception {
            String time = "\"" + SIGNED_AT + "\"";
            assertRefused(
                    () -> DetachedJws.verify(withHeader(header("\"ES256\"", "false", null, goodX5c(), time)), PAYLOAD),
                    Reason.CRIT_MISSING_B64,
                    "crit is missing");
            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header("\"ES256\"", "false", "[\"sigT\"]", goodX5c(), time)), PAYLOAD),
                    Reason.CRIT_MISSING_B64,
                    "crit is [\"sigT\"]");
            assertRefused(
                    () -> DetachedJws.verify(withHeader(header("\"ES256\"", "false", "[]", goodX5c(), time)), PAYLOAD),
                    Reason.CRIT_MISSING_B64,
                    "crit is []");
        }

        @Test
        void refusesCriticalParametersItDoesNotUnderstand() throws Exception {
            String time = "\"" + SIGNED_AT + "\"";
            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header("\"ES256\"", "false", "[\"b64\",\"exp\"]", goodX5c(), time)), PAYLOAD),
                    Reason.UNSUPPORTED_CRITICAL,
                    "crit lists \"exp\", which this verifier does not understand");
        }

        @Test
        void acceptsSigTMarkedCriticalAsJadesDoes() throws Exception {
            String jws =
                    withHeader(header("\"ES256\"", "false", "[\"b64\",\"sigT\"]", goodX5c(), "\"" + SIGNED_AT + "\""));

            assertThat(DetachedJws.verify(jws, PAYLOAD).signingTime()).isEqualTo(SIGNED_AT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"none\"", "\"HS256\"", "\"RS256\"", "\"es256\"", "\"ES384\""})
        void refusesUnknownAlgorithms(String alg) throws Exception {
            String jws = withHeader(header(alg, "false", "[\"b64\"]", goodX5c(), "\"" + SIGNED_AT + "\""));

            assertRefused(
                    () -> DetachedJws.verify(jws, PAYLOAD),
                    Reason.UNKNOWN_ALG,
                    "alg " + alg + " is not accepted; expected one of: ES256, SM2");
        }

        @Test
        void refusesAMissingAlg() throws Exception {
            String jws = withHeader(header(null, "false", "[\"b64\"]", goodX5c(), "\"" + SIGNED_AT + "\""));

            assertRefused(() -> DetachedJws.verify(jws, PAYLOAD), Reason.UNKNOWN_ALG, "no \"alg\"");
        }

        @Test
        void refusesAnAlgThatDoesNotFitTheKey() throws Exception {
            String sm2WithP256 =
                    withHeader(header("\"SM2\"", "false", "[\"b64\"]", goodX5c(), "\"" + SIGNED_AT + "\""));
            String es256WithSm2 = withHeader(header(
                    "\"ES256\"",
                    "false",
                    "[\"b64\"]",
                    "[\"" + x5c(sm2Signer.certificate()) + "\"]",
                    "\"" + SIGNED_AT + "\""));

            assertRefused(
                    () -> DetachedJws.verify(sm2WithP256, PAYLOAD),
                    Reason.ALG_KEY_MISMATCH,
                    "alg SM2 does not fit the key of the signer certificate (CN=housing,O=test), a ecdsa-p256 key");
            assertRefused(
                    () -> DetachedJws.verify(es256WithSm2, PAYLOAD), Reason.ALG_KEY_MISMATCH, "a sm2 key for alg SM2");
        }

        @Test
        void refusesAMissingOrEmptyX5c() throws Exception {
            String time = "\"" + SIGNED_AT + "\"";
            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header("\"ES256\"", "false", "[\"b64\"]", null, time)), PAYLOAD),
                    Reason.NO_X5C,
                    "no \"x5c\"");
            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header("\"ES256\"", "false", "[\"b64\"]", "[]", time)), PAYLOAD),
                    Reason.NO_X5C,
                    "no \"x5c\"");
        }

        @Test
        void refusesX5cEntriesThatAreNotBase64Certificates() throws Exception {
            String time = "\"" + SIGNED_AT + "\"";
            String urlSafe = x5c(signer.certificate()).replace('+', '-').replace('/', '_');
            String notACertificate = Base64.getEncoder().encodeToString(PAYLOAD);

            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header("\"ES256\"", "false", "[\"b64\"]", "[\"%%%\"]", time)), PAYLOAD),
                    Reason.BAD_BASE64,
                    "x5c[0] is not base64");
            if (!urlSafe.equals(x5c(signer.certificate()))) {
                assertRefused(
                        () -> DetachedJws.verify(
                                withHeader(header("\"ES256\"", "false", "[\"b64\"]", "[\"" + urlSafe + "\"]", time)),
                                PAYLOAD),
                        Reason.BAD_BASE64,
                        "x5c[0] is not base64");
            }
            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header(
                                    "\"ES256\"",
                                    "false",
                                    "[\"b64\"]",
                                    "[\"" + x5c(signer.certificate()) + "\",\"" + notACertificate + "\"]",
                                    time)),
                            PAYLOAD),
                    Reason.BAD_CERTIFICATE,
                    "x5c[1] is not a DER X.509 certificate");
            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header(
                                    "\"ES256\"", "false", "[\"b64\"]", "\"" + x5c(signer.certificate()) + "\"", time)),
                            PAYLOAD),
                    Reason.BAD_HEADER,
                    "\"x5c\" is not an array");
        }

        @Test
        void refusesASignerCertificateWhosePublicKeyIsNotOnTheCurve() throws Exception {
            // Found by DetachedJwsFuzzTests: the key is decoded lazily, and its failure was an IllegalStateException.
            byte[] certificate = signer.certificate().getEncoded();
            byte[] publicKey = signer.certificate().getPublicKey().getEncoded();
            int end = indexOf(certificate, publicKey) + publicKey.length;
            certificate[end - 1] ^= 0x01; // the last byte of the point's y: no longer on P-256
            String x5c = "[\"" + Base64.getEncoder().encodeToString(certificate) + "\"]";

            assertRefused(
                    () -> DetachedJws.verify(
                            withHeader(header("\"ES256\"", "false", "[\"b64\"]", x5c, "\"" + SIGNED_AT + "\"")),
                            PAYLOAD),
                    Reason.BAD_CERTIFICATE,
                    "x5c[0] is not a DER X.509 certificate");
        }

        private static int indexOf(byte[] bytes, byte[] part) {
            for (int i = 0; i + part.length <= bytes.length; i++) {
                if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                    return i;
                }
            }
            throw new AssertionError("the certificate does not hold its own public key");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "\"yesterday\"",
                    "\"2026-01-02T03:04:05+08:00\"",
                    "\"2026-01-02 03:04:05Z\"",
                    "1767323045"
                })
        void refusesAMissingOrMalformedSigningTime(String sigT) throws Exception {
            String jws = withHeader(header("\"ES256\"", "false", "[\"b64\"]", goodX5c(), sigT.isEmpty() ? null : sigT));

            assertRefused(() -> DetachedJws.verify(jws, PAYLOAD), Reason.BAD_SIGNING_TIME, "sigT");
        }

        @Test
        void refusesADerSignature() throws Exception {
            String header =
                    B64URL.encodeToString(header("\"ES256\"", "false", "[\"b64\"]", goodX5c(), "\"" + SIGNED_AT + "\"")
                            .getBytes(StandardCharsets.UTF_8));
            byte[] der =
                    SignatureAlgorithm.ECDSA_P256.sign(signer.privateKey(), DetachedJws.signingInput(header, PAYLOAD));

            assertRefused(
                    () -> DetachedJws.verify(header + ".." + B64URL.encodeToString(der), PAYLOAD),
                    Reason.BAD_SIGNATURE_LENGTH,
                    "bytes; ES256 needs 64 (r||s, not DER)");
        }
    }

    @Nested
    class Chain {

        @Test
        void leadsToTheAnchorThroughX5cOrDirectly() {
            VerifiedJws withCa = DetachedJws.verify(sign(signer, ca), PAYLOAD);
            VerifiedJws leafOnly = DetachedJws.verify(
                    DetachedJws.sign(signer.privateKey(), List.of(signer.certificate()), PAYLOAD, SIGNED_AT), PAYLOAD);

            assertThat(DetachedJws.checkChain(withCa, List.of(otherCa.certificate(), ca.certificate())))
                    .isEqualTo(ca.certificate());
            assertThat(DetachedJws.checkChain(leafOnly, List.of(ca.certificate())))
                    .isEqualTo(ca.certificate());
        }

        @Test
        void refusesAChainOfAnotherCaWithTheSameName() {
            VerifiedJws verified = DetachedJws.verify(sign(signer, ca), PAYLOAD);

            assertRefused(
                    () -> DetachedJws.checkChain(verified, List.of(otherCa.certificate())),
                    Reason.UNKNOWN_ISSUER,
                    "no trust anchor issued x5c[1] (CN=root,O=test, issuer CN=root,O=test)");
        }

        @Test
        void refusesACertificateExpiredAtTheSigningTimeThoughValidNow() {
            Instant now = Instant.now();
            Credential current = ca.issue(
                    new X500Name("CN=current"),
                    CertificateProfile.SIGNING,
                    List.of(),
                    now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(1)));
            Instant later = now.plus(Duration.ofDays(5));
            VerifiedJws verified = DetachedJws.verify(
                    DetachedJws.sign(current.privateKey(), List.of(current.certificate()), PAYLOAD, later), PAYLOAD);

            assertRefused(
                    () -> DetachedJws.checkChain(verified, List.of(ca.certificate())),
                    Reason.EXPIRED,
                    "x5c[0] (CN=current) had expired at " + later.truncatedTo(ChronoUnit.SECONDS));
        }

        @Test
        void acceptsACertificateValidAtTheSigningTimeThoughExpiredNow() {
            Instant now = Instant.now();
            Credential former = ca.issue(
                    new X500Name("CN=former"),
                    CertificateProfile.SIGNING,
                    List.of(),
                    now.minus(Duration.ofDays(10)),
                    now.minus(Duration.ofDays(1)));
            VerifiedJws verified = DetachedJws.verify(
                    DetachedJws.sign(
                            former.privateKey(), List.of(former.certificate()), PAYLOAD, now.minus(Duration.ofDays(5))),
                    PAYLOAD);

            assertThat(DetachedJws.checkChain(verified, List.of(ca.certificate())))
                    .isEqualTo(ca.certificate());
            assertRefused(
                    () -> DetachedJws.checkChain(verified, List.of(ca.certificate()), now),
                    Reason.EXPIRED,
                    "CN=former");
        }

        @Test
        void refusesACertificateNotYetValidAtTheSigningTime() {
            Instant now = Instant.now();
            Credential future = ca.issue(
                    new X500Name("CN=future"),
                    CertificateProfile.SIGNING,
                    List.of(),
                    now.plus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(9)));
            VerifiedJws verified = DetachedJws.verify(
                    DetachedJws.sign(future.privateKey(), List.of(future.certificate()), PAYLOAD, now), PAYLOAD);

            assertRefused(
                    () -> DetachedJws.checkChain(verified, List.of(ca.certificate())),
                    Reason.NOT_YET_VALID,
                    "x5c[0] (CN=future) was not yet valid at");
        }

        @Test
        void refusesAChainWhoseLinksAreNotSigned() {
            VerifiedJws verified = DetachedJws.verify(
                    DetachedJws.sign(
                            signer.privateKey(),
                            List.of(signer.certificate(), otherCa.certificate()),
                            PAYLOAD,
                            SIGNED_AT),
                    PAYLOAD);

            assertRefused(
                    () -> DetachedJws.checkChain(verified, List.of(sm2Ca.certificate())),
                    Reason.BROKEN_CHAIN,
                    "x5c[0] (CN=housing,O=test) is not signed by x5c[1] (CN=root,O=test)");
        }

        @Test
        void needsAnAnchor() {
            VerifiedJws verified = DetachedJws.verify(sign(signer, ca), PAYLOAD);

            assertThatThrownBy(() -> DetachedJws.checkChain(verified, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
