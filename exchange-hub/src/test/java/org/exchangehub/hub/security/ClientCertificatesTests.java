package org.exchangehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bouncycastle.asn1.x500.X500Name;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.CertificateProfile;
import org.exchangehub.certs.ca.Credential;
import org.exchangehub.certs.ca.RevocationList;
import org.exchangehub.certs.ca.RevocationReason;
import org.exchangehub.certs.ca.SubjectAlternativeNames;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Mapping a client certificate to an agency, and the CRL's life while the hub runs, on one class alone. */
class ClientCertificatesTests {

    static final CertificateAuthority CA = CertificateAuthority.selfSigned(
            SignatureAlgorithm.ECDSA_P256,
            new X500Name("CN=test agency CA, O=exchange-hub test"),
            CertificateProfile.ROOT_CA,
            Duration.ofDays(30));

    static Credential client(String subject, String agency) {
        return CA.issue(
                new X500Name(subject),
                CertificateProfile.TLS_CLIENT,
                agency == null ? List.of() : List.of(SubjectAlternativeNames.agency(agency)),
                Duration.ofDays(1));
    }

    @Test
    void aCertificateIsMappedByItsAgencySanOrAnExplicitSubjectFromConfiguration() throws Exception {
        // how an operator writes the subject mapping in a properties file: the subject as RFC 2253 prints it
        // (openssl x509 -noout -subject -nameopt RFC2253), in brackets, with '=' and ' ' escaped
        Properties file = new Properties();
        file.load(new StringReader("hub.security.agency-tls.subjects[O\\=Escrow\\ Bank,CN\\=bank]=bank\n"));
        HubSecurityProperties properties = new Binder(new MapConfigurationPropertySource(file))
                .bind("hub.security", HubSecurityProperties.class)
                .get();
        assertThat(properties.agencyTls().subjects()).containsEntry("O=Escrow Bank,CN=bank", "bank");

        ClientCertificates certificates = new ClientCertificates(
                List.of(CA.certificate()), null, properties.agencyTls().subjects());
        assertThat(certificates
                        .identify(client("CN=tax, O=exchange-hub test", "tax").certificate())
                        .agency())
                .contains("tax");
        assertThat(certificates
                        .identify(client("CN=bank, O=Escrow Bank", null).certificate())
                        .agency())
                .contains("bank");
        ClientCertificates.Identification nameless =
                certificates.identify(client("CN=someone, O=Elsewhere", null).certificate());
        assertThat(nameless.agency()).isEmpty();
        assertThat(nameless.refusal()).contains("names no agency");
    }

    @Test
    void aRevocationIsSeenOnTheNextCallABadCrlKeepsTheLastGoodOneAndNoCrlAtAllRefusesEveryone(@TempDir Path dir)
            throws Exception {
        Credential tax = client("CN=tax, O=exchange-hub test", "tax");
        Credential registry = client("CN=registry, O=exchange-hub test", "registry");
        Path crl = dir.resolve("ca.crl");
        ClientCertificates certificates = new ClientCertificates(List.of(CA.certificate()), crl, Map.of());

        assertThat(certificates.identify(tax.certificate()).refusal()).contains("cannot check revocation");

        RevocationList empty =
                RevocationList.empty(CA, Instant.now(), Instant.now().plus(Duration.ofDays(7)));
        empty.writeAtomically(crl);
        assertThat(certificates.identify(tax.certificate()).agency()).contains("tax");

        empty.withRevoked(
                        CA,
                        tax.certificate().getSerialNumber(),
                        RevocationReason.KEY_COMPROMISE,
                        Instant.now(),
                        Instant.now().plus(Duration.ofDays(7)))
                .writeAtomically(crl);
        ClientCertificates.Identification revoked = certificates.identify(tax.certificate());
        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.refusal()).contains("is revoked");
        assertThat(certificates.identify(registry.certificate()).agency()).contains("registry");

        // a CRL signed by another CA is refused; the one loaded before stays in force
        CertificateAuthority other = CertificateAuthority.selfSigned(
                SignatureAlgorithm.ECDSA_P256,
                new X500Name("CN=test agency CA, O=exchange-hub test"),
                CertificateProfile.ROOT_CA,
                Duration.ofDays(30));
        RevocationList.empty(other, Instant.now(), Instant.now().plus(Duration.ofDays(7)))
                .writeAtomically(crl);
        assertThat(certificates.identify(tax.certificate()).revoked()).isTrue();
        assertThat(certificates.revoked(tax.certificate())).isTrue();
        assertThat(certificates.identify(registry.certificate()).agency()).contains("registry");
    }
}
