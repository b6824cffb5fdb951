package org.exchangehub.certs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.DevelopmentPki;
import org.exchangehub.certs.ca.PartyCredential;
import org.exchangehub.certs.keystore.MaterialBundle;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certs issue}: adds a party to an existing PKI, or rotates its keys (keeping the old ones). */
@Command(
        name = "issue",
        mixinStandardHelpOptions = true,
        description = {
            "Adds a party to an existing PKI, or rotates its keys (--force).",
            "Issues fresh key pairs and certificates from the CA in <dir>/ca/, in init's layout: P/sign.*,"
                    + " P/tls-client.*, P/tls-server.* (.crt, .key, .p12 with alias P).",
            "An existing party is refused unless --force; then its old .crt/.key/.p12 are kept in P/"
                    + DevelopmentPki.RETIRED + "/<old serial in hex>/, never deleted.",
            "Password of the .p12 files: --password, else $" + CertsCli.PASSWORD_VARIABLE + ", else <dir>/"
                    + DevelopmentPki.PASSWORD_FILE + "."
        })
final class IssueCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Option(names = "--pki", required = true, paramLabel = "<dir>", description = "The PKI directory (with ca/).")
    private Path pki;

    @Option(names = "--party", required = true, paramLabel = "<name>", description = "The party (agency) to certify.")
    private String party;

    @Option(
            names = "--profiles",
            split = ",",
            defaultValue = "sign,tls-client,tls-server",
            paramLabel = "<profile>",
            description = "Credentials to issue (default: ${DEFAULT-VALUE}).")
    private List<String> profiles;

    @Option(
            names = "--hosts",
            split = ",",
            defaultValue = "localhost,127.0.0.1",
            paramLabel = "<host>",
            description = "DNS names and IP addresses of the TLS server certificate (default: ${DEFAULT-VALUE}).")
    private List<String> hosts;

    @Option(
            names = "--validity-days",
            defaultValue = "825",
            paramLabel = "<days>",
            description = "Validity, at most the CA's (default: ${DEFAULT-VALUE}).")
    private int validityDays;

    @Option(names = "--password", paramLabel = "<pw>", description = "Password of the new .p12 files.")
    private String password;

    @Option(names = "--force", description = "Replace the party's existing credentials, keeping them in retired/.")
    private boolean force;

    IssueCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        DevelopmentPki.PartySettings settings;
        try {
            Set<PartyCredential> credentials = EnumSet.noneOf(PartyCredential.class);
            for (String profile : Names.nonBlank(profiles)) {
                credentials.add(PartyCredential.byName(profile));
            }
            settings = new DevelopmentPki.PartySettings(
                    party, credentials, Names.nonBlank(hosts), validityDays, password());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        CertificateAuthority ca = CertificateAuthority.load(
                pki.resolve(DevelopmentPki.CA_CERTIFICATE_FILE), pki.resolve(DevelopmentPki.CA_KEY_FILE));
        List<Path> existing = DevelopmentPki.existingFiles(pki, party, settings.credentials());
        if (!existing.isEmpty() && !force) {
            throw new MaterialException("party '" + party + "' already has credentials in " + pki + " ("
                    + existing.get(0) + (existing.size() > 1 ? " and " + (existing.size() - 1) + " more" : "")
                    + "); nothing was written; use --force to rotate its keys (the old ones are kept in "
                    + party + "/" + DevelopmentPki.RETIRED + "/<serial>/)");
        }
        Map<PartyCredential, String> retiredSerials = new LinkedHashMap<>();
        for (PartyCredential credential : EnumSet.copyOf(settings.credentials())) {
            Path certificate = pki.resolve(party).resolve(credential.fileName() + ".crt");
            if (Files.exists(certificate)) {
                retiredSerials.put(
                        credential,
                        Pem.readCertificate(certificate).getSerialNumber().toString(16));
            }
        }
        MaterialBundle bundle;
        try {
            bundle = DevelopmentPki.issueParty(ca, settings, pki);
        } catch (IllegalArgumentException e) {
            throw new MaterialException(pki.resolve(DevelopmentPki.CA_CERTIFICATE_FILE) + ": " + e.getMessage(), e);
        }
        bundle.writeTo(pki, force);

        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "issued %s credentials for %s from %s (%s)%n",
                ca.algorithm().standardName(),
                party,
                ca.certificate().getSubjectX500Principal().getName(),
                pki.toAbsolutePath());
        for (PartyCredential credential : EnumSet.copyOf(settings.credentials())) {
            String base = party + "/" + credential.fileName();
            X509Certificate issued = Pem.readCertificate(pki.resolve(base + ".crt"));
            out.printf(
                    "  %s.crt|.key|.p12  serial %s, valid until %s%n",
                    base,
                    issued.getSerialNumber().toString(16),
                    issued.getNotAfter().toInstant());
        }
        if (!retiredSerials.isEmpty()) {
            List<String> commands = new ArrayList<>();
            for (Map.Entry<PartyCredential, String> retired : retiredSerials.entrySet()) {
                out.printf(
                        "  kept the previous %s/%s.* (serial %s) in %s/%s/%s/%n",
                        party,
                        retired.getKey().fileName(),
                        retired.getValue(),
                        party,
                        DevelopmentPki.RETIRED,
                        retired.getValue());
                commands.add("certs revoke --pki " + pki + " --serial " + retired.getValue() + " --reason superseded");
            }
            out.println("to refuse the old certificates from now on, revoke them:");
            commands.forEach(command -> out.println("  " + command));
        }
        out.println("The private keys are unencrypted (mode 600): protect " + pki.toAbsolutePath() + ".");
        out.flush();
        return CertsCli.OK;
    }

    private char[] password() {
        if (password != null) {
            return password.toCharArray();
        }
        String fromEnvironment = env.get(CertsCli.PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        Path file = pki.resolve(DevelopmentPki.PASSWORD_FILE);
        if (Files.isRegularFile(file)) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new MaterialException("cannot read " + file + ": " + e, e);
            }
        }
        throw new IllegalArgumentException("the .p12 files need a password: --password, the "
                + CertsCli.PASSWORD_VARIABLE + " environment variable, or " + file);
    }
}
