package org.exchangehub.certs.cli;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.exchangehub.certs.canonical.CanonicalizationException;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.digest.DigestAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certs digest}: prints the hex digest of a file, or of its canonical JSON form. */
@Command(name = "digest", mixinStandardHelpOptions = true, description = "Prints the lower-case hex digest of <file>.")
final class DigestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--algorithm",
            defaultValue = "sha-256",
            paramLabel = "sha-256|sm3",
            description = "Digest algorithm (default: ${DEFAULT-VALUE}).")
    private DigestAlgorithm algorithm;

    @Option(names = "--canonical", description = "Digest the RFC 8785 canonical form of the JSON in <file>.")
    private boolean canonical;

    @Parameters(paramLabel = "<file>", description = "The file to digest.")
    private Path file;

    @Override
    public Integer call() {
        byte[] data = InputFile.read(file);
        if (canonical) {
            try {
                data = JsonCanonicalizer.canonicalize(data);
            } catch (CanonicalizationException e) {
                throw new CanonicalizationException(file + ": " + e.getMessage(), e);
            }
        }
        spec.commandLine().getOut().println(HexFormat.of().formatHex(algorithm.digest(data)));
        spec.commandLine().getOut().flush();
        return CertsCli.OK;
    }
}
