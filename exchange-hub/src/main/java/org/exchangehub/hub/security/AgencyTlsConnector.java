package org.exchangehub.hub.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.exchangehub.certs.keystore.Pem;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The agencies' port: a second Tomcat connector speaking TLS 1.2/1.3 that asks every client for a certificate issued
 * by the agency CA(s). A certificate from another CA, or one expired or not yet valid, fails the handshake; a
 * connection without one gets through TLS and is answered 401 by the agency API (so the caller learns why). Revocation
 * is checked per request by {@link ClientCertificates}, because the CRL changes while the hub runs.
 */
public class AgencyTlsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int port;
    private final Path certificate;
    private final Path privateKey;
    private final Path clientCa;
    private volatile Connector connector;

    public AgencyTlsConnector(int port, Path certificate, Path privateKey, Path clientCa) {
        this.port = port;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.clientCa = clientCa;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector tls = new Connector(Http11NioProtocol.class.getName());
        tls.setPort(port);
        tls.setScheme("https");
        tls.setSecure(true);
        Http11NioProtocol protocol = (Http11NioProtocol) tls.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setProtocols("TLSv1.2+TLSv1.3");
        // "optional": ask for a client certificate and verify any presented; none is answered 401 by the API
        ssl.setCertificateVerification("optional");
        // Tomcat's JSSE connector reads caCertificateFile only for OpenSSL: hand it the CAs as a trust store
        ssl.setTrustStore(trustStore(clientCa));
        SSLHostConfigCertificate server = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
        server.setCertificateFile(certificate.toAbsolutePath().toString());
        server.setCertificateKeyFile(privateKey.toAbsolutePath().toString());
        ssl.addCertificate(server);
        protocol.addSslHostConfig(ssl);
        factory.addAdditionalTomcatConnectors(tls);
        connector = tls;
    }

    /** A key store holding the CA certificates of a PEM file, for a TLS trust manager. */
    static KeyStore trustStore(Path clientCa) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : Pem.readCertificates(clientCa)) {
                store.setCertificateEntry("agency-ca-" + i++, ca);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the agency CA certificates " + clientCa + ": " + e, e);
        }
    }

    /** The port the agency connector listens on (the actual one when configured as 0), or -1 before it started. */
    public int localPort() {
        Connector started = connector;
        return started == null ? -1 : started.getLocalPort();
    }
}
