package org.exchangehub.certs.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS with the generated stores, loaded by the JDK's own PKCS#12 provider as Spring Boot would load them.
 * ECDSA P-256 only: the JDK's TLS has no SM2 cipher suites (SM2 material is checked in {@link DevelopmentPkiTests}).
 */
class DevelopmentPkiTlsTests {

    private static final char[] PASSWORD = "tls-password".toCharArray();
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path root;

    private static Path pki;
    private static Path strangerPki;
    private static ExecutorService executor;

    @BeforeAll
    static void generateTwoUnrelatedPkis() {
        pki = root.resolve("pki");
        strangerPki = root.resolve("stranger");
        for (Path target : List.of(pki, strangerPki)) {
            DevelopmentPki.generate(new DevelopmentPki.Settings(
                            SignatureAlgorithm.ECDSA_P256,
                            List.of("housing", "hub"),
                            List.of("localhost", "127.0.0.1"),
                            1,
                            PASSWORD))
                    .writeTo(target, false);
        }
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopExecutor() {
        executor.shutdownNow();
    }

    private static KeyStore jdkStore(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static SSLContext context(Path keyStore, Path trustStore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(jdkStore(keyStore), PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(jdkStore(trustStore));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** Starts a hub that requires a client certificate, answers one line with the client's agency, and stops. */
    private static SSLServerSocket hubServer() throws Exception {
        SSLContext context = context(pki.resolve("hub/tls-server.p12"), pki.resolve("truststore.p12"));
        SSLServerSocket server = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        server.setSoTimeout(TIMEOUT_MILLIS);
        return server;
    }

    private static Future<String> serveOneLine(SSLServerSocket server) {
        return executor.submit(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                X509Certificate client = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                String agency = SubjectAlternativeNames.agencyOf(client).orElse("unknown");
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                out.println("ack " + line + " from " + agency);
                return agency;
            }
        });
    }

    private static String exchangeLine(SSLContext client, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the server certificate must name 127.0.0.1
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8).println("record H-1");
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (reply == null) {
                throw new EOFException("the server closed the connection");
            }
            return reply;
        }
    }

    @Nested
    class MutualTls {

        @Test
        void agencyClientAndHubServerCompleteTheHandshakeAndExchangeALine() throws Exception {
            SSLContext housing = context(pki.resolve("housing/tls-client.p12"), pki.resolve("truststore.p12"));
            try (SSLServerSocket server = hubServer()) {
                Future<String> served = serveOneLine(server);

                String reply = exchangeLine(housing, server.getLocalPort());

                assertThat(reply).isEqualTo("ack record H-1 from housing");
                assertThat(served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("housing");
            }
        }

        @Test
        void hubRefusesAClientCertifiedByAnotherCa() throws Exception {
            // The stranger trusts the hub, but its certificate comes from a CA the hub does not trust.
            SSLContext stranger = context(strangerPki.resolve("housing/tls-client.p12"), pki.resolve("truststore.p12"));
            try (SSLServerSocket server = hubServer()) {
                Future<String> served = serveOneLine(server);

                Throwable clientFailure = catchThrowable(() -> exchangeLine(stranger, server.getLocalPort()));

                assertThat(clientFailure).isInstanceOf(IOException.class);
                assertThatThrownBy(() -> served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                        .hasCauseInstanceOf(SSLHandshakeException.class);
            }
        }

        @Test
        void clientRefusesAServerCertifiedByAnotherCa() throws Exception {
            SSLContext housing = context(pki.resolve("housing/tls-client.p12"), strangerPki.resolve("truststore.p12"));
            try (SSLServerSocket server = hubServer()) {
                Future<String> served = serveOneLine(server);

                assertThatThrownBy(() -> exchangeLine(housing, server.getLocalPort()))
                        .isInstanceOf(SSLHandshakeException.class);
                assertThatThrownBy(() -> served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                        .hasCauseInstanceOf(IOException.class);
            }
        }
    }
}
