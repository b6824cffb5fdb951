package org.exchangehub.certs.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.CertificateProfile;
import org.exchangehub.certs.ca.Credential;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Pkcs12Tests {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final byte[] DATA = "record".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private static Credential credential(CertificateAuthority ca) {
        return ca.issue(new X500Name("CN=leaf"), CertificateProfile.SIGNING, List.of(), Duration.ofDays(1));
    }

    @Nested
    class KeyStores {

        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void holdsTheKeyAndChainUnderTheAlias(SignatureAlgorithm algorithm) throws Exception {
            CertificateAuthority ca = CertificateAuthority.selfSigned(
                    algorithm, new X500Name("CN=ca"), CertificateProfile.ROOT_CA, Duration.ofDays(1));
            Credential leaf = credential(ca);
            Path file = Files.write(
                    directory.resolve("leaf.p12"),
                    Pkcs12.keyStore(
                            "housing", leaf.privateKey(), List.of(leaf.certificate(), ca.certificate()), PASSWORD));

            KeyStore store = Pkcs12.read(file, PASSWORD);
            PrivateKey key = (PrivateKey) store.getKey("housing", PASSWORD);

            assertThat(store.getCertificateChain("housing")).hasSize(2);
            assertThat(algorithm.verify(leaf.certificate(), DATA, algorithm.sign(key, DATA)))
                    .isTrue();
        }

        @Test
        void opensWithTheJdkProviderToo() throws Exception {
            CertificateAuthority ca = CertificateAuthority.selfSigned(
                    SignatureAlgorithm.ECDSA_P256,
                    new X500Name("CN=ca"),
                    CertificateProfile.ROOT_CA,
                    Duration.ofDays(1));
            Path file = Files.write(
                    directory.resolve("trust.p12"), Pkcs12.trustStore(Map.of("ca", ca.certificate()), PASSWORD));

            KeyStore jdk = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(file)) {
                jdk.load(in, PASSWORD);
            }

            assertThat(jdk.isCertificateEntry("ca")).isTrue();
            assertThat(((X509Certificate) jdk.getCertificate("ca"))
                            .getSubjectX500Principal()
                            .getName())
                    .isEqualTo("CN=ca");
        }
    }

    @Nested
    class Refusals {

        @Test
        void saysThePasswordIsWrong() throws Exception {
            CertificateAuthority ca = CertificateAuthority.selfSigned(
                    SignatureAlgorithm.ECDSA_P256,
                    new X500Name("CN=ca"),
                    CertificateProfile.ROOT_CA,
                    Duration.ofDays(1));
            Path file = Files.write(
                    directory.resolve("trust.p12"), Pkcs12.trustStore(Map.of("ca", ca.certificate()), PASSWORD));

            assertThatThrownBy(() -> Pkcs12.read(file, "wrong".toCharArray()))
                    .isInstanceOf(MaterialException.class)
                    .hasMessage("cannot open " + file + ": wrong password (or the file is corrupt)");
        }

        @Test
        void namesAMissingFile() {
            Path missing = directory.resolve("missing.p12");

            assertThatThrownBy(() -> Pkcs12.read(missing, PASSWORD)).hasMessage("no such file: " + missing);
        }

        @Test
        void saysWhenAFileIsNotPkcs12() throws Exception {
            Path text = Files.writeString(directory.resolve("text.p12"), "hello");

            assertThatThrownBy(() -> Pkcs12.read(text, PASSWORD))
                    .isInstanceOf(MaterialException.class)
                    .hasMessageContaining("as a PKCS#12 key store");
        }
    }
}
