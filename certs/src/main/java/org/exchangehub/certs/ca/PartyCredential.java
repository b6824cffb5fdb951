package org.exchangehub.certs.ca;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three credentials a party of the development PKI holds, each as {@code <party>/<name>.crt|.key|.p12}: a
 * record-signing certificate, a TLS client certificate (mutual TLS towards the hub) and a TLS server certificate.
 */
public enum PartyCredential {
    /** {@code sign.*}: digitalSignature and nonRepudiation, for signing records. */
    SIGN("sign", CertificateProfile.SIGNING),
    /** {@code tls-client.*}: clientAuth, for mutual TLS towards the hub. */
    TLS_CLIENT("tls-client", CertificateProfile.TLS_CLIENT),
    /** {@code tls-server.*}: serverAuth; SANs are the TLS hosts and the party's name. */
    TLS_SERVER("tls-server", CertificateProfile.TLS_SERVER);

    private final String fileName;
    private final CertificateProfile profile;

    PartyCredential(String fileName, CertificateProfile profile) {
        this.fileName = fileName;
        this.profile = profile;
    }

    /** The base name of its files: {@code sign}, {@code tls-client} or {@code tls-server}. */
    public String fileName() {
        return fileName;
    }

    /** What its certificate may be used for. */
    public CertificateProfile profile() {
        return profile;
    }

    /**
     * The credential with this file name, case-insensitively.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static PartyCredential byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (PartyCredential credential : values()) {
            if (credential.fileName.equals(wanted)) {
                return credential;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "'; expected some of: " + names());
    }

    /** The accepted names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(PartyCredential::fileName).collect(Collectors.joining(", "));
    }
}
