package org.exchangehub.certs.ca;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.sign.BouncyCastle;

/**
 * An X.509 v2 certificate revocation list (RFC 5280 section 5) of one CA: issue a new one, add a revoked certificate
 * (a new CRL with the next CRL number and every earlier entry), read one from a PEM or DER file, check that the CA
 * signed it, and ask whether a certificate is on it. Instances are immutable; a CRL read from a file is not trusted
 * until {@link #verifySignedBy} passed, which {@link #load(Path, X509Certificate)} does for you.
 */
public final class RevocationList {

    /** The PEM label of a CRL, as OpenSSL writes it. */
    public static final String PEM_LABEL = "X509 CRL";

    private static final String[] REASON_NAMES = {
        "unspecified",
        "keyCompromise",
        "cACompromise",
        "affiliationChanged",
        "superseded",
        "cessationOfOperation",
        "certificateHold",
        "unused(7)",
        "removeFromCRL",
        "privilegeWithdrawn",
        "aACompromise"
    };

    /**
     * One revoked certificate.
     *
     * @param reasonCode the RFC 5280 CRLReason code; 0 (unspecified) when the entry has no reason code extension
     */
    public record Entry(BigInteger serial, Instant revocationDate, int reasonCode) {

        /** The RFC 5280 name of the reason, e.g. {@code keyCompromise}. */
        public String reason() {
            return reasonCode >= 0 && reasonCode < REASON_NAMES.length
                    ? REASON_NAMES[reasonCode]
                    : "reason " + reasonCode;
        }
    }

    private final X509CRLHolder crl;
    private final String source;

    private RevocationList(X509CRLHolder crl, String source) {
        this.crl = crl;
        this.source = source;
    }

    /** A CRL with no entry and CRL number 1, signed by the CA: what {@code certs init} writes. */
    public static RevocationList empty(CertificateAuthority ca, Instant thisUpdate, Instant nextUpdate) {
        return build(ca, BigInteger.ONE, null, null, thisUpdate, nextUpdate);
    }

    /**
     * A new CRL of the same CA with every entry of this one plus the certificate with {@code serial}, and the next CRL
     * number.
     *
     * @param revokedAt the revocation date of the new entry, and the new CRL's thisUpdate
     * @throws RevocationListException if this CRL was not signed by {@code ca}
     * @throws IllegalArgumentException if the serial is already revoked (nothing would change), or the dates are out
     *     of order
     */
    public RevocationList withRevoked(
            CertificateAuthority ca,
            BigInteger serial,
            RevocationReason reason,
            Instant revokedAt,
            Instant nextUpdate) {
        verifySignedBy(ca.certificate());
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("a certificate serial number is positive, got " + serial.toString(16));
        }
        Optional<Entry> earlier = entry(serial);
        if (earlier.isPresent()) {
            throw new IllegalArgumentException("serial " + serial.toString(16) + " is already revoked (since "
                    + earlier.get().revocationDate() + ", " + earlier.get().reason() + ")");
        }
        return build(ca, nextNumber(), crl, new Entry(serial, revokedAt, reason.code()), revokedAt, nextUpdate);
    }

    /**
     * A new CRL of the same CA with the same entries, the next CRL number and new dates: to publish a fresh CRL before
     * the {@linkplain #nextUpdate() next update} of this one has passed.
     *
     * @throws RevocationListException if this CRL was not signed by {@code ca}
     */
    public RevocationList renewed(CertificateAuthority ca, Instant thisUpdate, Instant nextUpdate) {
        verifySignedBy(ca.certificate());
        return build(ca, nextNumber(), crl, null, thisUpdate, nextUpdate);
    }

    /**
     * Reads a CRL, PEM ({@value #PEM_LABEL}) or DER, without checking who signed it.
     *
     * @param source what to call it in messages (a file name)
     * @throws RevocationListException if the bytes are not a CRL
     */
    public static RevocationList parse(byte[] pemOrDer, String source) {
        String text = new String(pemOrDer, StandardCharsets.ISO_8859_1).strip();
        try {
            if (!text.startsWith("-----BEGIN ")) {
                return new RevocationList(new X509CRLHolder(pemOrDer), source);
            }
            try (Reader reader = new StringReader(text);
                    PEMParser parser = new PEMParser(reader)) {
                Object object = parser.readObject();
                if (object instanceof X509CRLHolder holder) {
                    return new RevocationList(holder, source);
                }
                throw new RevocationListException(source + " holds a "
                        + (object == null
                                ? "malformed PEM block"
                                : object.getClass().getSimpleName())
                        + ", not a PEM " + PEM_LABEL);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RevocationListException refused) {
                throw refused;
            }
            throw new RevocationListException(source + " is not a CRL (PEM or DER): " + e.getMessage(), e);
        }
    }

    /**
     * Reads a CRL file (PEM or DER) without checking who signed it: for display. Use {@link #load} to rely on it.
     *
     * @throws MaterialException if the file cannot be read
     * @throws RevocationListException if it is not a CRL
     */
    public static RevocationList read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new MaterialException("no such file: " + file, e);
        } catch (IOException e) {
            throw new MaterialException("cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Reads a CRL file and checks that {@code issuer} issued and signed it: how the hub loads the CRL it enforces.
     *
     * @throws MaterialException if the file cannot be read
     * @throws RevocationListException if it is not a CRL, or not one signed by {@code issuer}
     */
    public static RevocationList load(Path file, X509Certificate issuer) {
        RevocationList list = read(file);
        list.verifySignedBy(issuer);
        return list;
    }

    /**
     * Checks that the CA certificate {@code issuer} issued this CRL: same name, its key verifies the signature, and (if
     * the certificate limits its key usage) it may sign CRLs.
     *
     * @throws RevocationListException saying which of these fails
     */
    public void verifySignedBy(X509Certificate issuer) {
        X500Principal caName = issuer.getSubjectX500Principal();
        if (!issuer().equals(caName)) {
            throw new RevocationListException(
                    source + " was issued by " + issuer().getName() + ", not by " + caName.getName());
        }
        boolean[] keyUsage = issuer.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= 6 || !keyUsage[6])) {
            throw new RevocationListException(
                    source + ": the certificate of " + caName.getName() + " may not sign CRLs (no cRLSign key usage)");
        }
        boolean valid;
        try {
            valid = crl.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(BouncyCastle.provider())
                    .build(issuer));
        } catch (OperatorCreationException | CertException | RuntimeException e) {
            throw new RevocationListException(
                    source + ": cannot check its signature with the key of " + caName.getName() + ": " + e.getMessage(),
                    e);
        }
        if (!valid) {
            throw new RevocationListException(source + " is not signed by " + caName.getName()
                    + ": its signature does not verify with that CA's key");
        }
    }

    /** The CA that issued this CRL (as the CRL says; see {@link #verifySignedBy}). */
    public X500Principal issuer() {
        try {
            return new X500Principal(crl.getIssuer().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the issuer of " + source, e);
        }
    }

    /** The CRL number (RFC 5280 section 5.2.3); empty if the CRL has none (ours always have one). */
    public Optional<BigInteger> number() {
        Extension extension = crl.getExtension(Extension.cRLNumber);
        return extension == null
                ? Optional.empty()
                : Optional.of(CRLNumber.getInstance(extension.getParsedValue()).getCRLNumber());
    }

    /** When this CRL was issued. */
    public Instant thisUpdate() {
        return crl.getThisUpdate().toInstant();
    }

    /** When the CA promised the next CRL at the latest; empty if the CRL does not say. */
    public Optional<Instant> nextUpdate() {
        return Optional.ofNullable(crl.getNextUpdate()).map(Date::toInstant);
    }

    /** Whether the CRL is in force at {@code at}: issued by then and its next update not yet passed. */
    public boolean isCurrentAt(Instant at) {
        return !thisUpdate().isAfter(at) && nextUpdate().map(at::isBefore).orElse(true);
    }

    /** The revoked certificates, in the order of the CRL. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Object object : crl.getRevokedCertificates()) {
            X509CRLEntryHolder holder = (X509CRLEntryHolder) object;
            entries.add(new Entry(
                    holder.getSerialNumber(), holder.getRevocationDate().toInstant(), reasonCode(holder)));
        }
        return List.copyOf(entries);
    }

    /** The entry of the certificate with this serial, if it is revoked. */
    public Optional<Entry> entry(BigInteger serial) {
        X509CRLEntryHolder holder = crl.getRevokedCertificate(serial);
        return holder == null
                ? Optional.empty()
                : Optional.of(new Entry(serial, holder.getRevocationDate().toInstant(), reasonCode(holder)));
    }

    /** Whether the certificate with this serial number is on the list. */
    public boolean isRevoked(BigInteger serial) {
        return crl.getRevokedCertificate(serial) != null;
    }

    /**
     * Whether the certificate is on the list.
     *
     * @throws IllegalArgumentException if another CA issued it: this CRL says nothing about its certificates
     */
    public boolean isRevoked(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(issuer())) {
            throw new IllegalArgumentException("the CRL of " + issuer().getName()
                    + " says nothing about certificates issued by "
                    + certificate.getIssuerX500Principal().getName() + " (serial "
                    + certificate.getSerialNumber().toString(16) + ")");
        }
        return isRevoked(certificate.getSerialNumber());
    }

    /** The CRL as a JCA object, e.g. for a {@code CertStore} of a PKIX validation with revocation checking. */
    public X509CRL toX509Crl() {
        try {
            return new JcaX509CRLConverter()
                    .setProvider(BouncyCastle.provider())
                    .getCRL(crl);
        } catch (CRLException e) {
            throw new IllegalStateException("cannot convert " + source + " to a JCA CRL: " + e.getMessage(), e);
        }
    }

    /** The DER encoding. */
    public byte[] encoded() {
        try {
            return crl.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + source, e);
        }
    }

    /** The PEM text ({@value #PEM_LABEL} block), as OpenSSL writes it. */
    public String pem() {
        return "-----BEGIN " + PEM_LABEL + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(encoded())
                + "\n-----END " + PEM_LABEL + "-----\n";
    }

    /**
     * Writes the PEM text to {@code file} atomically: into a temporary file beside it, then renamed over it, so that a
     * process re-reading the file (the hub) sees the old CRL or the new one, never a part. The file is world-readable:
     * a CRL is public.
     *
     * @throws MaterialException if that fails; then {@code file} is unchanged
     */
    public void writeAtomically(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path temporary = null;
        try {
            Files.createDirectories(absolute.getParent());
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
            Files.writeString(temporary, pem(), StandardCharsets.US_ASCII);
            if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new MaterialException(
                        "cannot replace " + absolute
                                + " atomically on this file system; a reader could see half a CRL, so nothing was written",
                        e);
            }
            temporary = null;
        } catch (IOException e) {
            throw new MaterialException("cannot write " + absolute + ": " + e, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: a leftover hidden temporary file does no harm
                }
            }
        }
    }

    @Override
    public String toString() {
        return "CRL " + number().map(n -> "#" + n).orElse("(no number)") + " of " + issuer().getName() + " (" + source
                + ", " + crl.getRevokedCertificates().size() + " revoked)";
    }

    private BigInteger nextNumber() {
        return number().orElse(BigInteger.ZERO).add(BigInteger.ONE);
    }

    private static int reasonCode(X509CRLEntryHolder holder) {
        Extension extension =
                holder.getExtensions() == null ? null : holder.getExtensions().getExtension(Extension.reasonCode);
        return extension == null
                ? CRLReason.unspecified
                : ASN1Enumerated.getInstance(extension.getParsedValue()).intValueExact();
    }

    private static RevocationList build(
            CertificateAuthority ca,
            BigInteger number,
            X509CRLHolder earlier,
            Entry added,
            Instant thisUpdate,
            Instant nextUpdate) {
        Instant start = thisUpdate.truncatedTo(ChronoUnit.SECONDS);
        Instant next = nextUpdate.truncatedTo(ChronoUnit.SECONDS);
        if (!next.isAfter(start)) {
            throw new IllegalArgumentException(
                    "a CRL's next update must come after its this update: " + start + ", next " + next);
        }
        X509Certificate caCertificate = ca.certificate();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()), Date.from(start));
            builder.setNextUpdate(Date.from(next));
            if (earlier != null) {
                builder.addCRL(earlier);
            }
            if (added != null) {
                builder.addCRLEntry(
                        added.serial(),
                        Date.from(added.revocationDate().truncatedTo(ChronoUnit.SECONDS)),
                        reasonExtension(added.reasonCode()));
            }
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new AuthorityKeyIdentifier(CertificateAuthority.keyIdentifier(caCertificate.getPublicKey())));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            var signer = new JcaContentSignerBuilder(ca.algorithm().jcaName())
                    .setProvider(BouncyCastle.provider())
                    .build(ca.credential().privateKey());
            return new RevocationList(builder.build(signer), "CRL #" + number);
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(
                    "cannot sign a CRL for "
                            + caCertificate.getSubjectX500Principal().getName() + ": " + e,
                    e);
        }
    }

    /** RFC 5280 5.3.1: "unspecified" SHOULD be written as no reason code at all. */
    private static Extensions reasonExtension(int code) throws IOException {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        if (code != CRLReason.unspecified) {
            extensions.addExtension(Extension.reasonCode, false, CRLReason.lookup(code));
        }
        return extensions.isEmpty() ? null : extensions.generate();
    }
}
