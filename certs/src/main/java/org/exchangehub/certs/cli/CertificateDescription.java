package org.exchangehub.certs.cli;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.exchangehub.certs.ca.RevocationList;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.certs.sign.UnsuitableKeyException;

/** A few lines a person can read about one certificate (who, by whom, what for, until when) or one CRL. */
final class CertificateDescription {

    private static final String[] KEY_USAGES = {
        "digitalSignature",
        "nonRepudiation",
        "keyEncipherment",
        "dataEncipherment",
        "keyAgreement",
        "keyCertSign",
        "cRLSign",
        "encipherOnly",
        "decipherOnly"
    };
    private static final Map<String, String> PURPOSES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection");
    private static final Map<Integer, String> NAME_TYPES = Map.of(1, "email", 2, "DNS", 6, "URI", 7, "IP");

    private CertificateDescription() {}

    static String of(X509Certificate certificate) {
        StringBuilder text = new StringBuilder();
        line(text, "subject", certificate.getSubjectX500Principal().getName());
        line(text, "issuer", certificate.getIssuerX500Principal().getName());
        line(text, "serial", certificate.getSerialNumber().toString(16));
        line(
                text,
                "valid",
                certificate.getNotBefore().toInstant() + " to "
                        + certificate.getNotAfter().toInstant());
        line(text, "key", keyAlgorithm(certificate));
        line(text, "CA", certificate.getBasicConstraints() >= 0 ? "yes" : "no");
        line(text, "key usage", keyUsage(certificate));
        line(text, "ext. key usage", extendedKeyUsage(certificate));
        line(text, "alt. names", alternativeNames(certificate));
        line(text, "SHA-256", fingerprint(certificate));
        return text.append('\n').toString();
    }

    /** The same for a CRL: issuer, number, dates and every revoked serial; its signature is not checked here. */
    static String of(RevocationList crl) {
        StringBuilder text = new StringBuilder("CRL (signature not checked here)\n");
        line(text, "issuer", crl.issuer().getName());
        line(text, "number", crl.number().map(BigInteger::toString).orElse("-"));
        line(text, "this update", crl.thisUpdate().toString());
        line(text, "next update", crl.nextUpdate().map(Instant::toString).orElse("-"));
        List<RevocationList.Entry> entries = crl.entries();
        line(text, "revoked", entries.isEmpty() ? "none" : String.valueOf(entries.size()));
        for (RevocationList.Entry entry : entries) {
            text.append(String.format(
                    "    serial %s since %s (%s)%n",
                    entry.serial().toString(16), entry.revocationDate(), entry.reason()));
        }
        return text.append('\n').toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("  %-15s %s%n", label + ":", value));
    }

    private static String keyAlgorithm(X509Certificate certificate) {
        try {
            SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(certificate.getPublicKey());
            return algorithm.standardName() + " (" + algorithm.curveName() + ")";
        } catch (UnsuitableKeyException e) {
            return certificate.getPublicKey().getAlgorithm();
        }
    }

    private static String keyUsage(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        if (bits == null) {
            return "-";
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < bits.length && i < KEY_USAGES.length; i++) {
            if (bits[i]) {
                names.add(KEY_USAGES[i]);
            }
        }
        return String.join(", ", names);
    }

    private static String extendedKeyUsage(X509Certificate certificate) {
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes == null
                    ? "-"
                    : String.join(
                            ", ",
                            purposes.stream()
                                    .map(oid -> PURPOSES.getOrDefault(oid, oid))
                                    .toList());
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return "-";
            }
            return String.join(
                    ", ",
                    names.stream()
                            .map(name -> NAME_TYPES.getOrDefault((Integer) name.get(0), "type " + name.get(0)) + ":"
                                    + name.get(1))
                            .toList());
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }
}
