package org.exchangehub.hub.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.RevocationList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development PKI's CRL, {@code ca/ca.crl}: {@code certs init} writes it empty; a PKI written before it did gets
 * an empty one here, signed by the PKI's CA, valid until the CA expires.
 */
final class DevelopmentCrl {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentCrl.class);

    private DevelopmentCrl() {}

    static Path ensure(Path pki) {
        Path crl = pki.resolve("ca/ca.crl");
        if (!Files.exists(crl)) {
            CertificateAuthority ca = CertificateAuthority.load(pki.resolve("ca/ca.crt"), pki.resolve("ca/ca.key"));
            RevocationList.empty(
                            ca, Instant.now(), ca.certificate().getNotAfter().toInstant())
                    .writeAtomically(crl);
            log.info("Wrote an empty CRL {} for the development PKI", crl.toAbsolutePath());
        }
        return crl;
    }
}
