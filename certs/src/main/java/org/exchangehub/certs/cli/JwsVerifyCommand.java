package org.exchangehub.certs.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import org.exchangehub.certs.ca.SubjectAlternativeNames;
import org.exchangehub.certs.jws.DetachedJws;
import org.exchangehub.certs.jws.JwsException;
import org.exchangehub.certs.jws.VerifiedJws;
import org.exchangehub.certs.keystore.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certs jws-verify}: checks a detached JWS over a file; exit 0 valid, 1 invalid (with the reason). */
@Command(
        name = "jws-verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a detached JWS (RFC 7797, b64=false) over the bytes of <file>: exit 0 valid, 1 invalid.",
            "Over the RFC 8785 canonical form of the JSON with --canonical. Valid: the signature verifies and,"
                    + " with --ca, the x5c chain leads to that CA at the signing time; then it prints the signer and"
                    + " signing time, else INVALID and the reason."
        })
final class JwsVerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--jws",
            required = true,
            paramLabel = "<jws>|@<file>",
            description = "The compact JWS, or @ and a file holding it.")
    private String jws;

    @Option(names = "--ca", paramLabel = "<pem>", description = "Trusted CA certificate(s) the chain must lead to.")
    private Path ca;

    @Option(names = "--canonical", description = "Verify over the RFC 8785 canonical form of the JSON in <file>.")
    private boolean canonical;

    @Parameters(paramLabel = "<file>", description = "The signed file (the detached payload).")
    private Path file;

    @Override
    public Integer call() {
        String compact = jws.startsWith("@")
                ? new String(InputFile.read(Path.of(jws.substring(1))), StandardCharsets.US_ASCII).strip()
                : jws.strip();
        List<X509Certificate> anchors = ca == null ? List.of() : Pem.readCertificates(ca);
        byte[] payload = InputFile.payload(file, canonical);
        PrintWriter out = spec.commandLine().getOut();
        try {
            VerifiedJws verified = DetachedJws.verify(compact, payload);
            X509Certificate anchor = anchors.isEmpty() ? null : DetachedJws.checkChain(verified, anchors);
            X509Certificate signer = verified.signer();
            out.printf(
                    "valid: %s detached JWS over %s by %s%s, signed at %s%n",
                    verified.alg(),
                    file,
                    signer.getSubjectX500Principal().getName(),
                    SubjectAlternativeNames.agencyOf(signer)
                            .map(agency -> " (agency " + agency + ")")
                            .orElse(""),
                    verified.signingTime());
            if (anchor != null) {
                out.printf(
                        "chain: leads to %s, valid at the signing time (revocation not checked)%n",
                        anchor.getSubjectX500Principal().getName());
            } else {
                out.println("chain: NOT checked (no --ca): anyone can make a certificate with that name");
            }
            out.flush();
            return CertsCli.OK;
        } catch (JwsException e) {
            out.println("INVALID: " + e.getMessage());
            out.flush();
            return CertsCli.FAILED;
        }
    }
}
