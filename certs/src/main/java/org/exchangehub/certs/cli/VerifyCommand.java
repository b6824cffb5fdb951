package org.exchangehub.certs.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certs verify}: checks a Base64 signature of a file against a certificate; exit 0 valid, 1 invalid. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Checks a signature of the bytes of <file>: exit 0 and 'valid' if it matches, 1 if not.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "<pem>", description = "The signer's PEM certificate.")
    private Path certificate;

    @Option(
            names = "--signature",
            required = true,
            paramLabel = "<base64>",
            description = "The DER signature in Base64.")
    private String signature;

    @Parameters(paramLabel = "<file>", description = "The signed file.")
    private Path file;

    @Override
    public Integer call() {
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--signature is not Base64 (" + e.getMessage() + "): '" + signature + "'", e);
        }
        X509Certificate signer = Pem.readCertificate(certificate);
        byte[] data = InputFile.read(file);
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(signer.getPublicKey());
        boolean valid = algorithm.verify(signer, data, signatureBytes);
        String subject = signer.getSubjectX500Principal().getName();
        spec.commandLine()
                .getOut()
                .println(
                        valid
                                ? "valid: " + algorithm.standardName() + " signature of " + file + " by " + subject
                                : "INVALID: the signature does not match " + file + " and the key of " + subject);
        spec.commandLine().getOut().flush();
        return valid ? CertsCli.OK : CertsCli.FAILED;
    }
}
