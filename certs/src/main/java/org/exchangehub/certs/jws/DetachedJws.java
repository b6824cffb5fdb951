package org.exchangehub.certs.jws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.exchangehub.certs.jws.JwsException.Reason;
import org.exchangehub.certs.sign.BouncyCastle;
import org.exchangehub.certs.sign.UnsuitableKeyException;

/**
 * Detached JWS with unencoded payload (RFC 7515 compact serialization, RFC 7797 {@code b64=false}), the form in which
 * an agency signs the exact bytes the hub notarizes (the RFC 8785 canonical JSON of a record envelope).
 *
 * <p>The compact form is {@code BASE64URL(header) + ".." + BASE64URL(signature)}: the payload part is empty, the
 * payload travels separately. The protected header is written in this order: {@code
 * {"alg":"ES256","b64":false,"crit":["b64"],"x5c":[<base64 DER, signer first>],"sigT":"2026-01-02T03:04:05Z"}}. The
 * signing input is {@code ASCII(BASE64URL(header)) || '.' || payload bytes} (RFC 7797 section 3); the signature is the
 * 64 bytes r||s (RFC 7518 section 3.4). {@code sigT} is the signing time as in ETSI JAdES (TS 119 182-1), but this is
 * not a JAdES signature.
 *
 * <p>{@link #verify} checks the form and the signature only; {@link #checkChain} decides trust.
 */
public final class DetachedJws {

    /** The header parameters this implementation understands when a signer marks them critical. */
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("b64", "sigT");

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
    private static final Pattern UTC_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private DetachedJws() {}

    /**
     * Signs {@code payload} and returns the compact detached JWS.
     *
     * @param key the signer's private key: P-256 (ES256) or SM2 (SM2)
     * @param chain the signer's certificate first, then (optionally) its issuers, for {@code x5c}
     * @param signingTime written as {@code sigT}, truncated to whole seconds
     * @throws UnsuitableKeyException if the key is neither P-256 nor SM2
     * @throws IllegalArgumentException if the chain is empty or its first certificate is not the key's
     */
    public static String sign(PrivateKey key, List<X509Certificate> chain, byte[] payload, Instant signingTime) {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("x5c needs at least the signer's certificate");
        }
        if (payload == null || signingTime == null) {
            throw new IllegalArgumentException("the payload and the signing time are required");
        }
        JwsAlgorithm algorithm = JwsAlgorithm.forKey(key);
        String header = protectedHeader(algorithm, chain, signingTime);
        String encodedHeader = base64Url(header.getBytes(StandardCharsets.UTF_8));
        byte[] input = signingInput(encodedHeader, payload);
        byte[] der = algorithm.signatureAlgorithm().sign(key, input);
        X509Certificate signer = chain.get(0);
        boolean matches;
        try {
            matches = algorithm.signatureAlgorithm().verify(signer, input, der);
        } catch (UnsuitableKeyException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key does not belong to the first certificate of the chain ("
                    + signer.getSubjectX500Principal().getName() + ", serial "
                    + signer.getSerialNumber().toString(16) + ")");
        }
        return encodedHeader + ".." + base64Url(ConcatenatedSignature.fromDer(der, JwsAlgorithm.FIELD_LENGTH));
    }

    /**
     * Checks that {@code compact} is a detached JWS of this profile whose signature verifies over {@code payload} with
     * the key of its first {@code x5c} certificate. It does not decide whether to trust that certificate: see
     * {@link #checkChain}.
     *
     * @throws JwsException with the {@link JwsException.Reason} and a message saying what is wrong
     */
    public static VerifiedJws verify(String compact, byte[] payload) {
        if (compact == null || payload == null) {
            throw new IllegalArgumentException("the JWS and the payload are required");
        }
        String[] parts = compact.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw new JwsException(
                    Reason.MALFORMED, "a compact JWS has three parts separated by '.', this one has " + parts.length);
        }
        if (!parts[1].isEmpty()) {
            throw new JwsException(
                    Reason.PAYLOAD_NOT_DETACHED,
                    "the payload part is not empty (" + parts[1].length()
                            + " characters): expected a detached JWS, 'header..signature'");
        }
        byte[] headerBytes = base64UrlDecode(parts[0], "the protected header");
        JsonNode header = parseHeader(headerBytes);
        checkUnencodedPayload(header);
        JwsAlgorithm algorithm = algorithm(header);
        List<X509Certificate> chain = x5c(header);
        Instant signingTime = signingTime(header);

        X509Certificate signer = chain.get(0);
        JwsAlgorithm keyAlgorithm;
        try {
            keyAlgorithm = JwsAlgorithm.forKey(signer.getPublicKey());
        } catch (UnsuitableKeyException e) {
            throw new JwsException(
                    Reason.ALG_KEY_MISMATCH,
                    "alg " + algorithm.jwsName() + " does not fit the key of the signer certificate ("
                            + signer.getSubjectX500Principal().getName() + "): " + e.getMessage(),
                    e);
        }
        if (keyAlgorithm != algorithm) {
            throw new JwsException(
                    Reason.ALG_KEY_MISMATCH,
                    "alg " + algorithm.jwsName() + " does not fit the key of the signer certificate ("
                            + signer.getSubjectX500Principal().getName() + "), a "
                            + keyAlgorithm.signatureAlgorithm().standardName() + " key for alg "
                            + keyAlgorithm.jwsName());
        }

        byte[] signature = base64UrlDecode(parts[2], "the signature");
        if (signature.length != 2 * JwsAlgorithm.FIELD_LENGTH) {
            throw new JwsException(
                    Reason.BAD_SIGNATURE_LENGTH,
                    "the signature has " + signature.length + " bytes; " + algorithm.jwsName() + " needs "
                            + 2 * JwsAlgorithm.FIELD_LENGTH + " (r||s, not DER)");
        }
        byte[] der = ConcatenatedSignature.toDer(signature, JwsAlgorithm.FIELD_LENGTH);
        if (!algorithm.signatureAlgorithm().verify(signer, signingInput(parts[0], payload), der)) {
            throw new JwsException(
                    Reason.SIGNATURE_INVALID,
                    "the " + algorithm.jwsName() + " signature does not verify over this payload ("
                            + payload.length + " bytes) with the key of "
                            + signer.getSubjectX500Principal().getName() + " (serial "
                            + signer.getSerialNumber().toString(16) + ")");
        }
        return new VerifiedJws(algorithm, chain, signingTime, new String(headerBytes, StandardCharsets.UTF_8));
    }

    /**
     * Checks the {@code x5c} chain at the signing time: see {@link #checkChain(VerifiedJws, List, Instant)}.
     *
     * @return the trust anchor the chain ends at
     */
    public static X509Certificate checkChain(VerifiedJws jws, List<X509Certificate> trustAnchors) {
        return checkChain(jws, trustAnchors, jws.signingTime());
    }

    /**
     * Checks that the {@code x5c} chain leads to one of the trust anchors: each certificate, starting with the
     * signer's, is signed either by an anchor (then the chain ends there) or by the next certificate, which must be a CA
     * certificate; every certificate of the chain used is valid at {@code at}; and the signer certificate may sign
     * (digitalSignature or nonRepudiation, if it limits its key usage). The anchors are trusted as given: as in RFC
     * 5280 path validation, their own validity period is not checked. Revocation is not checked here: ask the CA's
     * {@code RevocationList} about {@link VerifiedJws#signer()}.
     *
     * <p>{@code at} is normally the signing time, which is only the signer's claim: the caller should also bound it
     * (not in the future, not long before the JWS arrived).
     *
     * @return the trust anchor the chain ends at
     * @throws JwsException ({@code UNKNOWN_ISSUER}, {@code BROKEN_CHAIN}, {@code EXPIRED}, {@code NOT_YET_VALID},
     *     {@code NOT_A_SIGNING_CERTIFICATE}) saying which certificate fails and why
     */
    public static X509Certificate checkChain(VerifiedJws jws, List<X509Certificate> trustAnchors, Instant at) {
        if (trustAnchors == null || trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed");
        }
        List<X509Certificate> chain = jws.chain();
        checkSigningUsage(chain.get(0));
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            checkValidity(certificate, "x5c[" + i + "]", at);
            for (X509Certificate anchor : trustAnchors) {
                if (Arrays.equals(encoded(anchor), encoded(certificate)) || signedBy(certificate, anchor)) {
                    return anchor;
                }
            }
            if (i + 1 == chain.size()) {
                throw new JwsException(
                        Reason.UNKNOWN_ISSUER,
                        "the chain does not lead to a trusted CA: no trust anchor issued x5c[" + i + "] ("
                                + name(certificate) + ", issuer "
                                + certificate.getIssuerX500Principal().getName()
                                + ")");
            }
            X509Certificate next = chain.get(i + 1);
            if (!signedBy(certificate, next)) {
                throw new JwsException(
                        Reason.BROKEN_CHAIN,
                        "x5c[" + i + "] (" + name(certificate) + ") is not signed by x5c[" + (i + 1) + "] ("
                                + name(next) + "), nor by a trust anchor");
            }
            if (next.getBasicConstraints() < 0) {
                throw new JwsException(
                        Reason.BROKEN_CHAIN, "x5c[" + (i + 1) + "] (" + name(next) + ") is not a CA certificate");
            }
        }
        throw new IllegalStateException("unreachable: the loop returns or throws at the last certificate");
    }

    /** The JWS signing input for an unencoded payload: {@code ASCII(encodedHeader) || '.' || payload}. */
    static byte[] signingInput(String encodedHeader, byte[] payload) {
        byte[] header = encodedHeader.getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[header.length + 1 + payload.length];
        System.arraycopy(header, 0, input, 0, header.length);
        input[header.length] = '.';
        System.arraycopy(payload, 0, input, header.length + 1, payload.length);
        return input;
    }

    /** The protected header JSON, written in a fixed order with no whitespace. */
    static String protectedHeader(JwsAlgorithm algorithm, List<X509Certificate> chain, Instant signingTime) {
        StringBuilder json = new StringBuilder()
                .append("{\"alg\":\"")
                .append(algorithm.jwsName())
                .append("\",\"b64\":false,\"crit\":[\"b64\"],\"x5c\":[");
        for (int i = 0; i < chain.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"")
                    .append(Base64.getEncoder().encodeToString(encoded(chain.get(i))))
                    .append('"');
        }
        return json.append("],\"sigT\":\"")
                .append(signingTime.truncatedTo(ChronoUnit.SECONDS))
                .append("\"}")
                .toString();
    }

    private static JsonNode parseHeader(byte[] headerBytes) {
        JsonNode header;
        try {
            header = STRICT_JSON.readTree(headerBytes);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new JwsException(Reason.BAD_HEADER, "the protected header is not JSON: " + detail, e);
        }
        if (header == null || !header.isObject()) {
            throw new JwsException(Reason.BAD_HEADER, "the protected header is not a JSON object");
        }
        return header;
    }

    private static void checkUnencodedPayload(JsonNode header) {
        JsonNode b64 = header.get("b64");
        if (b64 == null || !b64.isBoolean() || b64.booleanValue()) {
            throw new JwsException(
                    Reason.B64_NOT_FALSE,
                    "the header must say \"b64\":false (RFC 7797 unencoded payload), it says "
                            + (b64 == null ? "nothing" : "\"b64\":" + b64));
        }
        JsonNode crit = header.get("crit");
        if (crit == null || !crit.isArray() || crit.isEmpty()) {
            throw new JwsException(
                    Reason.CRIT_MISSING_B64,
                    "the header must list \"b64\" in \"crit\" (RFC 7797 section 6); crit is "
                            + (crit == null ? "missing" : crit.toString()));
        }
        boolean listsB64 = false;
        for (JsonNode name : crit) {
            if (!name.isTextual()) {
                throw new JwsException(Reason.BAD_HEADER, "crit holds " + name + ", not a header parameter name");
            }
            if (!UNDERSTOOD_CRITICAL.contains(name.textValue())) {
                throw new JwsException(
                        Reason.UNSUPPORTED_CRITICAL,
                        "crit lists \"" + name.textValue() + "\", which this verifier does not understand");
            }
            if (header.get(name.textValue()) == null) {
                throw new JwsException(
                        Reason.BAD_HEADER, "crit lists \"" + name.textValue() + "\", which the header does not have");
            }
            listsB64 |= "b64".equals(name.textValue());
        }
        if (!listsB64) {
            throw new JwsException(
                    Reason.CRIT_MISSING_B64,
                    "the header must list \"b64\" in \"crit\" (RFC 7797 section 6); crit is " + crit);
        }
    }

    private static JwsAlgorithm algorithm(JsonNode header) {
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new JwsException(
                    Reason.UNKNOWN_ALG,
                    "the header has no \"alg\" string" + (alg == null ? "" : " (it has " + alg + ")"));
        }
        return JwsAlgorithm.byJwsName(alg.textValue())
                .orElseThrow(() -> new JwsException(
                        Reason.UNKNOWN_ALG,
                        "alg \"" + alg.textValue() + "\" is not accepted; expected one of: " + JwsAlgorithm.names()));
    }

    private static List<X509Certificate> x5c(JsonNode header) {
        JsonNode x5c = header.get("x5c");
        if (x5c == null || (x5c.isArray() && x5c.isEmpty())) {
            throw new JwsException(Reason.NO_X5C, "the header has no \"x5c\" certificate chain: the signer is unknown");
        }
        if (!x5c.isArray()) {
            throw new JwsException(Reason.BAD_HEADER, "\"x5c\" is not an array of base64 certificates");
        }
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
        } catch (CertificateException e) {
            throw new IllegalStateException("Bouncy Castle reads X.509 certificates", e);
        }
        for (int i = 0; i < x5c.size(); i++) {
            JsonNode entry = x5c.get(i);
            if (!entry.isTextual()) {
                throw new JwsException(Reason.BAD_HEADER, "x5c[" + i + "] is not a string");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(entry.textValue());
            } catch (IllegalArgumentException e) {
                throw new JwsException(
                        Reason.BAD_BASE64,
                        "x5c[" + i + "] is not base64 (RFC 7515 4.1.6: standard base64 of DER): " + e.getMessage(),
                        e);
            }
            try {
                X509Certificate certificate =
                        (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
                if (certificate == null || !Arrays.equals(certificate.getEncoded(), der)) {
                    throw new CertificateException("not exactly one DER certificate");
                }
                // Bouncy Castle decodes the key only when asked, and then throws IllegalStateException for a point
                // that is not on the curve: ask here, so that such a certificate is refused like any bad one.
                certificate.getPublicKey();
                chain.add(certificate);
            } catch (CertificateException | RuntimeException e) {
                throw new JwsException(
                        Reason.BAD_CERTIFICATE, "x5c[" + i + "] is not a DER X.509 certificate: " + e.getMessage(), e);
            }
        }
        return chain;
    }

    private static Instant signingTime(JsonNode header) {
        JsonNode sigT = header.get("sigT");
        if (sigT == null || !sigT.isTextual()) {
            throw new JwsException(
                    Reason.BAD_SIGNING_TIME,
                    "the header has no \"sigT\" signing time string" + (sigT == null ? "" : " (it has " + sigT + ")"));
        }
        String text = sigT.textValue();
        try {
            if (UTC_TIME.matcher(text).matches()) {
                return Instant.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new JwsException(
                Reason.BAD_SIGNING_TIME, "sigT \"" + text + "\" is not an RFC 3339 UTC time like 2026-01-02T03:04:05Z");
    }

    private static void checkSigningUsage(X509Certificate signer) {
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !(usage[0] || (usage.length > 1 && usage[1]))) {
            throw new JwsException(
                    Reason.NOT_A_SIGNING_CERTIFICATE,
                    "the signer certificate (" + name(signer) + ") allows neither digitalSignature nor nonRepudiation");
        }
    }

    private static void checkValidity(X509Certificate certificate, String which, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            throw new JwsException(
                    Reason.EXPIRED,
                    which + " (" + name(certificate) + ") had expired at " + at + ": valid until "
                            + certificate.getNotAfter().toInstant(),
                    e);
        } catch (CertificateNotYetValidException e) {
            throw new JwsException(
                    Reason.NOT_YET_VALID,
                    which + " (" + name(certificate) + ") was not yet valid at " + at + ": valid from "
                            + certificate.getNotBefore().toInstant(),
                    e);
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey(), BouncyCastle.provider());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(
                    "cannot encode the certificate of " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static String name(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] base64UrlDecode(String text, String what) {
        if (!BASE64URL.matcher(text).matches()) {
            throw new JwsException(Reason.BAD_BASE64, what + " is not base64url without padding (RFC 7515 section 2)");
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            if (base64Url(bytes).equals(text)) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new JwsException(Reason.BAD_BASE64, what + " is not valid base64url (wrong length or trailing bits)");
    }
}
