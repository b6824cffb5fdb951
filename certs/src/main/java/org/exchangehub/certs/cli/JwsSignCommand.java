package org.exchangehub.certs.cli;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.exchangehub.certs.jws.DetachedJws;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.UnsuitableKeyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certs jws-sign}: prints a detached JWS (RFC 7797, unencoded payload) over a file's bytes. */
@Command(
        name = "jws-sign",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a detached JWS (RFC 7797, b64=false) over the bytes of <file>.",
            "Compact form header..signature; over the RFC 8785 canonical form of the JSON with --canonical.",
            "alg: ES256 for a P-256 key, SM2 for an SM2 key; x5c: the certificate(s) of --cert, then those of"
                    + " --chain; sigT: now."
        })
final class JwsSignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "<pem>", description = "Unencrypted PEM private key.")
    private Path key;

    @Option(names = "--cert", required = true, paramLabel = "<pem>", description = "The signer's PEM certificate.")
    private Path certificate;

    @Option(names = "--chain", paramLabel = "<pem>", description = "Issuer certificate(s) to add to x5c (the CA).")
    private Path chain;

    @Option(names = "--canonical", description = "Sign the RFC 8785 canonical form of the JSON in <file>.")
    private boolean canonical;

    @Parameters(paramLabel = "<file>", description = "The file to sign.")
    private Path file;

    @Override
    public Integer call() {
        PrivateKey privateKey = Pem.readPrivateKey(key);
        List<X509Certificate> certificates = new ArrayList<>(Pem.readCertificates(certificate));
        if (chain != null) {
            certificates.addAll(Pem.readCertificates(chain));
        }
        byte[] payload = InputFile.payload(file, canonical);
        String jws;
        try {
            jws = DetachedJws.sign(privateKey, certificates, payload, Instant.now());
        } catch (UnsuitableKeyException e) {
            throw new MaterialException(key + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MaterialException(key + " and " + certificate + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println(jws);
        spec.commandLine().getOut().flush();
        return CertsCli.OK;
    }
}
