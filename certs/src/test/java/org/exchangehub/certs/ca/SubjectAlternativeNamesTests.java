package org.exchangehub.certs.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectAlternativeNamesTests {

    @Nested
    class Hosts {

        @ParameterizedTest
        @CsvSource({
            "127.0.0.1, 7",
            "::1, 7",
            "fe80::1, 7",
            "localhost, 2",
            "peer0.org1.example.com, 2",
            "*.example.com, 2",
            "hub, 2"
        })
        void tellsIpAddressesFromDnsNames(String host, int expectedTag) {
            assertThat(SubjectAlternativeNames.host(host).getTagNo()).isEqualTo(expectedTag);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "under_score", "-leading", "a..b", "300.1.1.1", "10.0.0.256", "http://x"})
        void refusesWhatIsNeitherWithTheValue(String host) {
            assertThatThrownBy(() -> SubjectAlternativeNames.host(host))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + host + "' is neither an IP address nor a DNS name");
        }
    }

    @Nested
    class Agencies {

        private final CertificateAuthority ca = CertificateAuthority.selfSigned(
                SignatureAlgorithm.ECDSA_P256, new X500Name("CN=ca"), CertificateProfile.ROOT_CA, Duration.ofDays(1));

        @Test
        void findsTheAgencyOfACertificate() {
            Credential credential = ca.issue(
                    new X500Name("CN=tax"),
                    CertificateProfile.TLS_CLIENT,
                    List.of(SubjectAlternativeNames.host("localhost"), SubjectAlternativeNames.agency("tax")),
                    Duration.ofDays(1));

            assertThat(SubjectAlternativeNames.agencyOf(credential.certificate()))
                    .contains("tax");
        }

        @Test
        void findsNoAgencyWithoutOrWithTwoAgencyNames() {
            Credential none =
                    ca.issue(new X500Name("CN=x"), CertificateProfile.TLS_CLIENT, List.of(), Duration.ofDays(1));
            Credential two = ca.issue(
                    new X500Name("CN=y"),
                    CertificateProfile.TLS_CLIENT,
                    List.of(SubjectAlternativeNames.agency("tax"), SubjectAlternativeNames.agency("housing")),
                    Duration.ofDays(1));
            Credential otherUri = ca.issue(
                    new X500Name("CN=z"),
                    CertificateProfile.TLS_CLIENT,
                    List.of(new GeneralName(GeneralName.uniformResourceIdentifier, "https://example.com")),
                    Duration.ofDays(1));

            assertThat(SubjectAlternativeNames.agencyOf(none.certificate())).isEmpty();
            assertThat(SubjectAlternativeNames.agencyOf(two.certificate())).isEmpty();
            assertThat(SubjectAlternativeNames.agencyOf(otherUri.certificate())).isEmpty();
        }
    }
}
