package org.exchangehub.certs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.exchangehub.certs.ca.DevelopmentPki;
import org.exchangehub.certs.keystore.MaterialBundle;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certs init}: writes a throw-away development PKI (root CA, per-party certificates and key stores). */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a THROW-AWAY development PKI (root CA, party certificates, key stores).",
            "Files in <dir>: ca/ca.crt, ca/ca.key; for each party P: P/sign.*, P/tls-client.*,",
            "P/tls-server.* (.crt, .key in PKCS#8, .p12 with alias P); truststore.p12",
            "(alias " + DevelopmentPki.TRUSTSTORE_ALIAS + "); README.txt.",
            "Password: --password, else $" + CertsCli.PASSWORD_VARIABLE + ", else a random one written to <dir>/"
                    + DevelopmentPki.PASSWORD_FILE + "."
        })
final class InitCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory to write.")
    private Path out;

    @Option(
            names = "--algorithm",
            defaultValue = "ecdsa-p256",
            paramLabel = "ecdsa-p256|sm2",
            description = "Key and signature algorithm (default: ${DEFAULT-VALUE}).")
    private SignatureAlgorithm algorithm;

    @Option(
            names = "--parties",
            split = ",",
            defaultValue = "housing,tax,registry,portal,hub",
            paramLabel = "<name>",
            description = "Parties to certify (default: ${DEFAULT-VALUE}).")
    private List<String> parties;

    @Option(
            names = "--hosts",
            split = ",",
            defaultValue = "localhost,127.0.0.1",
            paramLabel = "<host>",
            description = "DNS names and IP addresses of the TLS server certificates (default: ${DEFAULT-VALUE}).")
    private List<String> hosts;

    @Option(names = "--password", paramLabel = "<pw>", description = "Password of every .p12 file.")
    private String password;

    @Option(
            names = "--validity-days",
            defaultValue = "825",
            paramLabel = "<days>",
            description = "Validity of every certificate (default: ${DEFAULT-VALUE}).")
    private int validityDays;

    @Option(names = "--force", description = "Replace an existing PKI in <dir>.")
    private boolean force;

    InitCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        char[] chosenPassword = password != null ? password.toCharArray() : fromEnvironment();
        DevelopmentPki.Settings settings;
        try {
            settings = new DevelopmentPki.Settings(
                    algorithm, Names.nonBlank(parties), Names.nonBlank(hosts), validityDays, chosenPassword);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        MaterialBundle bundle = DevelopmentPki.generate(settings);
        bundle.writeTo(out, force);

        PrintWriter output = spec.commandLine().getOut();
        output.printf(
                "wrote a development PKI (%s) for %s to %s%n",
                algorithm.standardName(), String.join(", ", settings.parties()), out.toAbsolutePath());
        if (chosenPassword == null) {
            output.printf(
                    "key store password: generated, in %s (readable by you only)%n",
                    out.resolve(DevelopmentPki.PASSWORD_FILE).toAbsolutePath());
        }
        output.println("THROW-AWAY DEVELOPMENT MATERIAL: never use it in production, never commit it.");
        output.flush();
        return CertsCli.OK;
    }

    private char[] fromEnvironment() {
        String value = env.get(CertsCli.PASSWORD_VARIABLE);
        return value == null || value.isEmpty() ? null : value.toCharArray();
    }
}
