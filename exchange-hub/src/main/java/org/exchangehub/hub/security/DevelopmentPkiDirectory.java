package org.exchangehub.hub.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exchangehub.certs.ca.DevelopmentPki;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The throw-away development PKI under a data directory ({@code <data-dir>/pki}: a CA, and sign / tls-client /
 * tls-server material for the four agencies and the hub), written by the certs library the first time it is asked
 * for. Used when no production key material is configured: the agency port's trust, the hub's signing key.
 */
public final class DevelopmentPkiDirectory {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentPkiDirectory.class);

    /** The parties the development PKI has material for. */
    public static final List<String> PARTIES = List.of("housing", "tax", "registry", "portal", "hub");

    private DevelopmentPkiDirectory() {}

    /** The development PKI's directory under {@code dataDir}, written first if it does not exist. */
    public static synchronized Path of(Path dataDir) {
        Path pki = dataDir.resolve("pki");
        if (!Files.exists(pki.resolve("hub/sign.crt"))) {
            DevelopmentPki.generate(new DevelopmentPki.Settings(
                            SignatureAlgorithm.ECDSA_P256, PARTIES, List.of("localhost", "127.0.0.1"), 825, null))
                    .writeTo(pki, false);
            log.warn(
                    "Wrote a THROW-AWAY development PKI to {} (hub signing key, agency certificates); configure"
                            + " hub.signing.* and hub.security.agency-tls.* for production",
                    pki.toAbsolutePath());
        }
        return pki;
    }
}
