package org.exchangehub.hub.notary;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The hub's signing identity and the notarization schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotaryConfiguration {

    /**
     * {@code hub.signing.certificate} and {@code hub.signing.private-key} (PEM files) and optionally
     * {@code hub.signing.ca-certificate}; when unset, the development PKI under the data directory.
     */
    @Bean
    HubSigner hubSigner(
            @Value("${hub.signing.certificate:}") String certificate,
            @Value("${hub.signing.private-key:}") String privateKey,
            @Value("${hub.signing.ca-certificate:}") String caCertificate,
            @Value("${hub.data-dir}") Path dataDir) {
        return HubSigner.load(path(certificate), path(privateKey), path(caCertificate), dataDir);
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
