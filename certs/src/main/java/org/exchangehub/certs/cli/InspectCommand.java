package org.exchangehub.certs.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.exchangehub.certs.ca.RevocationList;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.keystore.Pkcs12;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certs inspect}: describes the certificates of a PEM file or a PKCS#12 store. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Describes the certificates of a PEM file or a .p12/.pfx store, or a CRL.",
            "Certificates: subject, SANs, usages, validity. A CRL (PEM, or DER in a .crl file): issuer, number, dates,"
                    + " revoked serials; its signature is not checked."
        })
final class InspectCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--password",
            paramLabel = "<pw>",
            description = "Password of a .p12 file (default: $" + CertsCli.PASSWORD_VARIABLE + ").")
    private String password;

    @Parameters(paramLabel = "<file>", description = "A PEM certificate file, a PKCS#12 store or a CRL.")
    private Path file;

    InspectCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            describeStore(out, Pkcs12.read(file, password()));
        } else if (name.endsWith(".crl") || isPemCrl(file)) {
            out.print(CertificateDescription.of(RevocationList.read(file)));
        } else {
            for (X509Certificate certificate : Pem.readCertificates(file)) {
                out.print(CertificateDescription.of(certificate));
            }
        }
        out.flush();
        return CertsCli.OK;
    }

    private static boolean isPemCrl(Path file) {
        return new String(InputFile.read(file), StandardCharsets.ISO_8859_1)
                .strip()
                .startsWith("-----BEGIN " + RevocationList.PEM_LABEL + "-----");
    }

    private char[] password() {
        String chosen = password != null ? password : env.get(CertsCli.PASSWORD_VARIABLE);
        if (chosen == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "reading " + file + " needs --password or the " + CertsCli.PASSWORD_VARIABLE
                            + " environment variable");
        }
        return chosen.toCharArray();
    }

    private void describeStore(PrintWriter out, KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                boolean key = store.isKeyEntry(alias);
                out.printf("alias %s (%s)%n", alias, key ? "private key and chain" : "trusted certificate");
                Certificate[] chain =
                        key ? store.getCertificateChain(alias) : new Certificate[] {store.getCertificate(alias)};
                for (Certificate certificate : chain) {
                    out.print(CertificateDescription.of((X509Certificate) certificate));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new MaterialException("cannot list " + file + ": " + e.getMessage(), e);
        }
    }
}
