package org.exchangehub.hub.security;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.security.*}: the operator account, the agencies' mutual-TLS port, and the public paths' rate limit. Files
 * left unset come from the development PKI the first start writes under the data directory ({@code pki/}).
 *
 * @param operator the operator login
 * @param agencyTls the agency port
 * @param publicRequestsPerMinute how many requests one client address may make to the public paths per minute
 */
@ConfigurationProperties("hub.security")
public record HubSecurityProperties(
        @DefaultValue Operator operator,
        @DefaultValue AgencyTls agencyTls,
        @DefaultValue("600") int publicRequestsPerMinute) {

    /**
     * @param username the operator's user name
     * @param password the password, plain or encoded ({@code {bcrypt}…}); when unset the first start generates one and
     *     keeps it in {@code <data-dir>/security/operator-password} (mode 600)
     */
    public record Operator(@DefaultValue("operator") String username, String password) {}

    /**
     * @param enabled whether the agency port listens
     * @param port its port (0: any free one)
     * @param certificate the hub's TLS server certificate (PEM)
     * @param privateKey its key (PEM, PKCS#8)
     * @param clientCa the CA certificates (PEM, one or more) whose client certificates identify agencies
     * @param crl the CRL file (PEM or DER) of revoked client certificates, re-read when it changes
     * @param subjects explicit mapping from a certificate subject DN to an agency, for certificates without the
     *     {@code urn:exchange-hub:agency:<name>} URI SAN
     */
    public record AgencyTls(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8443") int port,
            Path certificate,
            Path privateKey,
            Path clientCa,
            Path crl,
            Map<String, String> subjects) {

        public AgencyTls {
            subjects = subjects == null ? Map.of() : Map.copyOf(subjects);
        }
    }
}
