package org.exchangehub.certs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.DevelopmentPki;
import org.exchangehub.certs.ca.RevocationList;
import org.exchangehub.certs.ca.RevocationReason;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.Pem;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certs revoke}: adds a certificate to the CA's CRL, {@code <dir>/ca/ca.crl}, replacing it atomically. */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = {
            "Adds a certificate of the PKI's CA to its CRL, <dir>/" + DevelopmentPki.CRL_FILE + ".",
            "Writes a new CRL signed by the CA with the next CRL number and every certificate revoked before, to a"
                    + " temporary file renamed over the old one: the hub, which re-reads it, never sees half a CRL."
        })
final class RevokeCommand implements Callable<Integer> {

    private static final Pattern HEX = Pattern.compile("(0x)?[0-9a-fA-F]+");

    @Spec
    private CommandSpec spec;

    @Option(names = "--pki", required = true, paramLabel = "<dir>", description = "The PKI directory (with ca/).")
    private Path pki;

    @ArgGroup(multiplicity = "1")
    private Target target;

    static final class Target {
        @Option(names = "--cert", required = true, paramLabel = "<pem>", description = "The certificate to revoke.")
        Path certificate;

        @Option(
                names = "--serial",
                required = true,
                paramLabel = "<hex>",
                description = "Serial number (hex, as inspect prints it) of the certificate to revoke.")
        String serial;
    }

    @Option(
            names = "--reason",
            defaultValue = "unspecified",
            paramLabel = "<reason>",
            description = "keyCompromise, superseded, cessationOfOperation or unspecified (default: ${DEFAULT-VALUE}).")
    private String reason;

    @Option(
            names = "--next-update-days",
            defaultValue = "7",
            paramLabel = "<days>",
            description = "When the next CRL is due, in days from now (default: ${DEFAULT-VALUE}).")
    private int nextUpdateDays;

    @Override
    public Integer call() {
        RevocationReason chosenReason;
        try {
            chosenReason = RevocationReason.byName(reason);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (nextUpdateDays < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--next-update-days must be at least 1, got " + nextUpdateDays);
        }
        BigInteger serial = target.serial != null ? parseSerial(target.serial) : null;

        CertificateAuthority ca = CertificateAuthority.load(
                pki.resolve(DevelopmentPki.CA_CERTIFICATE_FILE), pki.resolve(DevelopmentPki.CA_KEY_FILE));
        String caName = ca.certificate().getSubjectX500Principal().getName();
        Optional<X509Certificate> revoked;
        if (target.certificate != null) {
            X509Certificate certificate = Pem.readCertificate(target.certificate);
            if (!ca.issued(certificate)) {
                throw new MaterialException(target.certificate + " ("
                        + certificate.getSubjectX500Principal().getName()
                        + ", issuer " + certificate.getIssuerX500Principal().getName()
                        + ") was not issued by the CA of " + pki + " (" + caName + "); nothing was revoked");
            }
            serial = certificate.getSerialNumber();
            revoked = Optional.of(certificate);
        } else {
            revoked = findIssued(ca, serial);
        }

        Path crlFile = pki.resolve(DevelopmentPki.CRL_FILE);
        Instant now = Instant.now();
        Instant nextUpdate = now.plus(Duration.ofDays(nextUpdateDays));
        PrintWriter err = spec.commandLine().getErr();
        RevocationList current;
        if (Files.exists(crlFile)) {
            current = RevocationList.load(crlFile, ca.certificate());
        } else {
            err.println("note: " + crlFile + " does not exist yet (a PKI made before CRLs); starting one");
            current = RevocationList.empty(ca, now, nextUpdate);
        }
        RevocationList updated;
        try {
            updated = current.withRevoked(ca, serial, chosenReason, now, nextUpdate);
        } catch (IllegalArgumentException e) {
            throw new MaterialException(crlFile + ": " + e.getMessage() + "; nothing was changed", e);
        }
        updated.writeAtomically(crlFile);

        if (revoked.isEmpty()) {
            err.println("warning: no certificate with serial " + serial.toString(16) + " was found under " + pki
                    + "; it was revoked anyway");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "revoked serial %s%s (%s)%n",
                serial.toString(16),
                revoked.map(c -> " " + c.getSubjectX500Principal().getName()).orElse(""),
                chosenReason.rfcName());
        out.printf(
                "%s is now CRL #%s of %s: %d revoked, next update %s%n",
                crlFile.toAbsolutePath(),
                updated.number().orElseThrow(),
                caName,
                updated.entries().size(),
                updated.nextUpdate().orElseThrow());
        out.flush();
        err.flush();
        return CertsCli.OK;
    }

    private BigInteger parseSerial(String text) {
        String hex = text.strip().replace(":", "");
        if (!HEX.matcher(hex).matches()) {
            throw new ParameterException(spec.commandLine(), "--serial '" + text + "' is not a hexadecimal number");
        }
        BigInteger serial = new BigInteger(hex.toLowerCase(Locale.ROOT).replaceFirst("^0x", ""), 16);
        if (serial.signum() == 0) {
            throw new ParameterException(spec.commandLine(), "--serial must not be 0");
        }
        return serial;
    }

    /** The certificate of the PKI (a party's, current or retired) with this serial, to say what is being revoked. */
    private Optional<X509Certificate> findIssued(CertificateAuthority ca, BigInteger serial) {
        try (Stream<Path> files = Files.walk(pki, 4)) {
            List<Path> certificates = files.filter(path -> path.toString().endsWith(".crt"))
                    .filter(Files::isRegularFile)
                    .toList();
            for (Path file : certificates) {
                try {
                    X509Certificate certificate = Pem.readCertificate(file);
                    if (certificate.getSerialNumber().equals(serial) && ca.issued(certificate)) {
                        return Optional.of(certificate);
                    }
                } catch (MaterialException unreadable) {
                    // not ours to judge here: only used to describe the revoked certificate
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
