package org.exchangehub.hub.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.exchangehub.certs.ca.SubjectAlternativeNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a client certificate the TLS handshake accepted (issued by a configured agency CA, valid now) into an agency:
 * refused when the CRL lists it, mapped by the {@code urn:exchange-hub:agency:<name>} URI SAN or an explicit subject
 * mapping. The CRL file is re-read whenever its modification time changes, so the operator revokes a certificate
 * without a restart; a CRL that is not signed by an agency CA, or cannot be read, is refused loudly and the last good
 * one stays in force (and with none yet, every certificate is refused: fail closed).
 */
public final class ClientCertificates {

    private static final Logger log = LoggerFactory.getLogger(ClientCertificates.class);

    private final List<X509Certificate> authorities;
    private final Path crlFile;
    private final Map<String, String> subjects;
    private static final FileVersion MISSING = new FileVersion(FileTime.fromMillis(Long.MIN_VALUE), -1, null);

    private volatile Loaded crl;

    private record Loaded(FileVersion modified, X509CRL crl, String error) {}

    /**
     * What tells one version of the CRL file from the next: its time stamp alone does not, since two writes a few
     * milliseconds apart can share it (the file system's clock ticks coarser than that; a loaded CI run showed it).
     * An atomic write (a new file renamed over the old one, as {@code certs revoke} does) has a new file key (inode),
     * and a rewrite in place most likely another size.
     */
    private record FileVersion(FileTime modified, long size, Object fileKey) {}

    public ClientCertificates(List<X509Certificate> authorities, Path crlFile, Map<String, String> subjects) {
        this.authorities = List.copyOf(authorities);
        this.crlFile = crlFile;
        this.subjects = Map.copyOf(subjects);
    }

    /** The outcome for one certificate: the agency, or why it is refused. */
    public record Identification(Optional<String> agency, String refusal, boolean revoked) {

        static Identification agency(String agency) {
            return new Identification(Optional.of(agency), null, false);
        }

        static Identification refused(String why, boolean revoked) {
            return new Identification(Optional.empty(), why, revoked);
        }
    }

    public Identification identify(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String serial = certificate.getSerialNumber().toString(16);
        Loaded current = currentCrl();
        if (current.crl == null && crlFile != null) {
            return Identification.refused(
                    "the hub cannot check revocation (" + current.error + "); no agency certificate is accepted until"
                            + " the CRL is readable",
                    false);
        }
        if (current.crl != null && current.crl.isRevoked(certificate)) {
            return Identification.refused(
                    "the client certificate " + subject + " (serial " + serial + ") is revoked", true);
        }
        return agencyOf(certificate)
                .map(Identification::agency)
                .orElseGet(() -> Identification.refused(
                        "the client certificate " + subject + " names no agency: no " + "urn:exchange-hub:agency:"
                                + " URI SAN and no hub.security.agency-tls.subjects entry",
                        false));
    }

    /** The agency a certificate names: an explicit subject mapping, or its agency URI SAN. */
    public Optional<String> agencyOf(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        return Optional.ofNullable(subjects.get(subject)).or(() -> SubjectAlternativeNames.agencyOf(certificate));
    }

    /**
     * Whether the CRL lists the certificate; true also when a CRL is configured but none could be loaded (fail
     * closed).
     */
    public boolean revoked(X509Certificate certificate) {
        Loaded current = currentCrl();
        if (current.crl == null) {
            return crlFile != null;
        }
        return current.crl.isRevoked(certificate);
    }

    private Loaded currentCrl() {
        if (crlFile == null) {
            return new Loaded(null, null, null);
        }
        Loaded known = crl;
        FileVersion modified;
        try {
            BasicFileAttributes attributes = Files.readAttributes(crlFile, BasicFileAttributes.class);
            modified = new FileVersion(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            modified = MISSING;
        } catch (IOException e) {
            modified = MISSING;
        }
        if (known != null && modified.equals(known.modified)) {
            return known;
        }
        synchronized (this) {
            if (crl != null && modified.equals(crl.modified)) {
                return crl;
            }
            if (modified.equals(MISSING)) {
                return keep(modified, "no CRL file " + crlFile);
            }
            try (InputStream in = Files.newInputStream(crlFile)) {
                X509CRL loaded =
                        (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
                X509Certificate issuer = authorities.stream()
                        .filter(ca -> signedBy(loaded, ca))
                        .findFirst()
                        .orElseThrow(() ->
                                new GeneralSecurityException("the CRL " + crlFile + " is not signed by any agency CA"));
                log.info(
                        "Loaded CRL {} from {}: {} revoked certificates",
                        crlFile,
                        issuer.getSubjectX500Principal().getName(),
                        loaded.getRevokedCertificates() == null
                                ? 0
                                : loaded.getRevokedCertificates().size());
                if (loaded.getNextUpdate() != null && loaded.getNextUpdate().before(new java.util.Date())) {
                    log.warn(
                            "The CRL {} was due to be replaced at {}; it is still used: publish a fresh one",
                            crlFile,
                            loaded.getNextUpdate().toInstant());
                }
                crl = new Loaded(modified, loaded, null);
                return crl;
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                return keep(modified, "the CRL " + crlFile + " is unusable: " + e.getMessage());
            }
        }
    }

    /** Remembers a bad CRL file (by its modification time, so it is reported once) and keeps the last good CRL. */
    private Loaded keep(FileVersion modified, String error) {
        X509CRL lastGood = crl == null ? null : crl.crl;
        if (lastGood != null) {
            log.error("{}; the CRL loaded before stays in force", error);
        } else {
            log.error("{}; refusing every agency certificate until it is fixed", error);
        }
        crl = new Loaded(modified, lastGood, error);
        return crl;
    }

    private static boolean signedBy(X509CRL crl, X509Certificate ca) {
        try {
            crl.verify(ca.getPublicKey());
            return crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
