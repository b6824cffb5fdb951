package org.exchangehub.certs.cli;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certs sign}: prints the Base64 signature of a file's bytes. */
@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = "Signs the bytes of <file> and prints the DER signature in Base64.")
final class SignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "<pem>", description = "Unencrypted PEM private key.")
    private Path key;

    @Option(
            names = "--algorithm",
            paramLabel = "ecdsa-p256|sm2",
            description = "Expected algorithm (default: the key's own).")
    private SignatureAlgorithm algorithm;

    @Parameters(paramLabel = "<file>", description = "The file to sign.")
    private Path file;

    @Override
    public Integer call() {
        PrivateKey privateKey = Pem.readPrivateKey(key);
        SignatureAlgorithm chosen = algorithm != null ? algorithm : SignatureAlgorithm.forKey(privateKey);
        byte[] signature = chosen.sign(privateKey, InputFile.read(file));
        spec.commandLine().getOut().println(Base64.getEncoder().encodeToString(signature));
        spec.commandLine().getOut().flush();
        return CertsCli.OK;
    }
}
