package org.exchangehub.certs.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.exchangehub.certs.canonical.CanonicalizationException;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certs canonicalize}: prints the RFC 8785 canonical form of a JSON file. */
@Command(
        name = "canonicalize",
        mixinStandardHelpOptions = true,
        description = "Prints the RFC 8785 (JCS) canonical form of the JSON in <file>, UTF-8, without a final newline.")
final class CanonicalizeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "<file>", description = "A UTF-8 JSON file.")
    private Path file;

    @Override
    public Integer call() {
        byte[] canonical;
        try {
            canonical = JsonCanonicalizer.canonicalize(InputFile.read(file));
        } catch (CanonicalizationException e) {
            throw new CanonicalizationException(file + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().print(new String(canonical, StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return CertsCli.OK;
    }
}
