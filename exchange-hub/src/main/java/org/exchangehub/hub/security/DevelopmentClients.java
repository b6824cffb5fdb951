package org.exchangehub.hub.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client context for one party of the development PKI ({@code <pki>/<party>/tls-client.p12}, password in
 * {@code password.txt}, trusting {@code ca/ca.crt}): how the demo's simulated agencies, and tests, call the agency
 * port as that agency.
 */
public final class DevelopmentClients {

    private DevelopmentClients() {}

    public static SSLContext sslContext(Path pki, String party) {
        return sslContext(pki.resolve(party).resolve("tls-client.p12"), readPassword(pki), pki.resolve("ca/ca.crt"));
    }

    /** A TLS context with a PKCS#12 client key and the CA certificates (PEM) it trusts for the server. */
    public static SSLContext sslContext(Path clientP12, char[] password, Path trustedCa) {
        try (InputStream in = Files.newInputStream(clientP12)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            KeyStore trust = AgencyTlsConnector.trustStore(trustedCa);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS client context from " + clientP12 + ": " + e, e);
        }
    }

    /** The development PKI's PKCS#12 password ({@code password.txt}, or {@code $CERTS_PASSWORD} if it has none). */
    public static char[] readPassword(Path pki) {
        Path file = pki.resolve("password.txt");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        String env = System.getenv("CERTS_PASSWORD");
        if (env == null) {
            throw new IllegalStateException(file + " is missing and CERTS_PASSWORD is not set");
        }
        return env.toCharArray();
    }
}
