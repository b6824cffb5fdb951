package org.exchangehub.certs.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.CertificateProfile;
import org.exchangehub.certs.sign.BouncyCastle;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemTests {

    private static final byte[] DATA = "record".getBytes(StandardCharsets.UTF_8);
    private static final Map<SignatureAlgorithm, CertificateAuthority> CAS = new EnumMap<>(SignatureAlgorithm.class);

    @TempDir
    Path directory;

    @BeforeAll
    static void makeOneAuthorityPerAlgorithm() {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            CAS.put(
                    algorithm,
                    CertificateAuthority.selfSigned(
                            algorithm, new X500Name("CN=pem test"), CertificateProfile.ROOT_CA, Duration.ofDays(1)));
        }
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.US_ASCII);
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @EnumSource(SignatureAlgorithm.class)
        void readsBackTheCertificateAndKeyItWrote(SignatureAlgorithm algorithm) throws Exception {
            CertificateAuthority ca = CAS.get(algorithm);
            Path certificate = write("ca.crt", Pem.certificate(ca.certificate()));
            Path key = write("ca.key", Pem.privateKey(ca.credential().privateKey()));

            X509Certificate read = Pem.readCertificate(certificate);
            PrivateKey readKey = Pem.readPrivateKey(key);

            assertThat(read.getEncoded()).isEqualTo(ca.certificate().getEncoded());
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
            assertThat(algorithm.verify(read, DATA, algorithm.sign(readKey, DATA)))
                    .isTrue();
        }

        @Test
        void readsEveryCertificateOfABundleInOrder() throws Exception {
            X509Certificate p256 = CAS.get(SignatureAlgorithm.ECDSA_P256).certificate();
            X509Certificate sm2 = CAS.get(SignatureAlgorithm.SM2).certificate();
            Path bundle = write("chain.pem", Pem.certificate(p256) + Pem.certificate(sm2));

            List<X509Certificate> read = Pem.readCertificates(bundle);

            assertThat(read).hasSize(2);
            assertThat(read.get(1).getEncoded()).isEqualTo(sm2.getEncoded());
        }

        @Test
        void readsOpenSslTraditionalEcKeys() throws Exception {
            // Bouncy Castle's keys carry the curve inside the SEC 1 structure, as "openssl ecparam -genkey" writes it.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            StringWriter sec1 = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(sec1)) {
                writer.writeObject(keys);
            }
            Path key = write("sec1.key", sec1.toString());

            PrivateKey read = Pem.readPrivateKey(key);

            assertThat(sec1.toString()).contains("BEGIN EC PRIVATE KEY");
            byte[] signature = SignatureAlgorithm.ECDSA_P256.sign(read, DATA);
            assertThat(SignatureAlgorithm.ECDSA_P256.verify(keys.getPublic(), DATA, signature))
                    .isTrue();
        }
    }

    @Nested
    class Refusals {

        @Test
        void namesAMissingFile() {
            Path missing = directory.resolve("missing.pem");

            assertThatThrownBy(() -> Pem.readCertificate(missing))
                    .isInstanceOf(MaterialException.class)
                    .hasMessage("no such file: " + missing);
            assertThatThrownBy(() -> Pem.readPrivateKey(missing)).hasMessageContaining("no such file");
        }

        @Test
        void saysWhenAFileHoldsNoPem() throws Exception {
            Path empty = write("empty.pem", "not pem at all\n");

            assertThatThrownBy(() -> Pem.readCertificates(empty)).hasMessageContaining("holds no PEM certificate");
            assertThatThrownBy(() -> Pem.readPrivateKey(empty)).hasMessageContaining("holds no PEM private key");
        }

        @Test
        void saysWhenAKeyIsGivenForACertificateAndBack() throws Exception {
            CertificateAuthority ca = CAS.get(SignatureAlgorithm.ECDSA_P256);
            Path key = write("k.pem", Pem.privateKey(ca.credential().privateKey()));
            Path certificate = write("c.pem", Pem.certificate(ca.certificate()));

            assertThatThrownBy(() -> Pem.readCertificates(key)).hasMessageContaining("not only certificates");
            assertThatThrownBy(() -> Pem.readPrivateKey(certificate))
                    .hasMessageContaining("not an unencrypted private key");
        }

        @Test
        void saysWhenPemIsBroken() throws Exception {
            Path broken = write("broken.pem", "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n");

            assertThatThrownBy(() -> Pem.readCertificates(broken))
                    .isInstanceOf(MaterialException.class)
                    .hasMessageContaining(broken.toString());
        }
    }
}
