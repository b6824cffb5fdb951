package org.exchangehub.certs.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.exchangehub.certs.keystore.MaterialBundle;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.OutputExistsException;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.keystore.Pkcs12;
import org.exchangehub.certs.sign.BouncyCastle;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRL that init writes, and {@link DevelopmentPki#issueParty}: adding a party and rotating its keys. */
class DevelopmentPkiIssueTests {

    private static final char[] PASSWORD = "dev-password".toCharArray();
    private static final Set<PartyCredential> ALL = EnumSet.allOf(PartyCredential.class);

    @TempDir
    Path pki;

    private CertificateAuthority ca;

    @BeforeEach
    void initPki() {
        DevelopmentPki.generate(new DevelopmentPki.Settings(
                        SignatureAlgorithm.ECDSA_P256, List.of("housing"), List.of("localhost"), 30, PASSWORD))
                .writeTo(pki, true);
        ca = CertificateAuthority.load(
                pki.resolve(DevelopmentPki.CA_CERTIFICATE_FILE), pki.resolve(DevelopmentPki.CA_KEY_FILE));
    }

    private DevelopmentPki.PartySettings settings(String party, Set<PartyCredential> credentials) {
        return new DevelopmentPki.PartySettings(party, credentials, List.of("localhost", "10.0.0.7"), 10, PASSWORD);
    }

    private X509Certificate certificate(String file) {
        return Pem.readCertificate(pki.resolve(file));
    }

    @Test
    void initWritesAnEmptyCrlSignedByTheCaAndValidAsLongAsIt() {
        RevocationList crl = RevocationList.load(pki.resolve(DevelopmentPki.CRL_FILE), ca.certificate());

        assertThat(crl.entries()).isEmpty();
        assertThat(crl.number()).contains(BigInteger.ONE);
        assertThat(crl.nextUpdate()).contains(ca.certificate().getNotAfter().toInstant());
    }

    @Test
    void addsAPartyWithInitsLayoutAndNames() throws Exception {
        MaterialBundle bundle = DevelopmentPki.issueParty(ca, settings("registry", ALL), pki);
        bundle.writeTo(pki, false);

        for (PartyCredential credential : ALL) {
            X509Certificate certificate = certificate("registry/" + credential.fileName() + ".crt");
            certificate.verify(ca.certificate().getPublicKey(), BouncyCastle.provider());
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=registry,O=exchange-hub dev");
            assertThat(SubjectAlternativeNames.agencyOf(certificate)).contains("registry");
            assertThat(Pkcs12.read(pki.resolve("registry/" + credential.fileName() + ".p12"), PASSWORD)
                            .getCertificateChain("registry"))
                    .containsExactly(certificate, ca.certificate());
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(pki.resolve("registry/" + credential.fileName() + ".key"))))
                    .isEqualTo("rw-------");
        }
        assertThat(certificate("registry/tls-server.crt").getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .containsExactly((Object) "localhost", "10.0.0.7", "registry", "urn:exchange-hub:agency:registry");
        assertThat(certificate("registry/sign.crt").getKeyUsage()[1])
                .as("nonRepudiation")
                .isTrue();
        assertThat(bundle.files()).noneMatch(file -> file.contains(DevelopmentPki.RETIRED));
    }

    @Test
    void issuesOnlyTheChosenCredentials() {
        DevelopmentPki.issueParty(ca, settings("portal", EnumSet.of(PartyCredential.TLS_CLIENT)), pki)
                .writeTo(pki, false);

        assertThat(pki.resolve("portal/tls-client.crt")).isRegularFile();
        assertThat(pki.resolve("portal/sign.crt")).doesNotExist();
    }

    @Test
    void refusesAnExistingPartyUnlessReplacing() {
        MaterialBundle bundle = DevelopmentPki.issueParty(ca, settings("housing", ALL), pki);

        assertThat(DevelopmentPki.existingFiles(pki, "housing", ALL)).hasSize(9);
        assertThatThrownBy(() -> bundle.writeTo(pki, false)).isInstanceOf(OutputExistsException.class);
    }

    @Test
    void rotatesKeepingTheOldMaterialUnderItsSerial() throws Exception {
        byte[] oldCertificate = Files.readAllBytes(pki.resolve("housing/sign.crt"));
        byte[] oldKey = Files.readAllBytes(pki.resolve("housing/sign.key"));
        byte[] oldStore = Files.readAllBytes(pki.resolve("housing/sign.p12"));
        String oldSerial = certificate("housing/sign.crt").getSerialNumber().toString(16);
        byte[] untouchedClient = Files.readAllBytes(pki.resolve("housing/tls-client.crt"));

        DevelopmentPki.issueParty(ca, settings("housing", EnumSet.of(PartyCredential.SIGN)), pki)
                .writeTo(pki, true);

        Path retired = pki.resolve("housing/retired/" + oldSerial);
        assertThat(Files.readAllBytes(retired.resolve("sign.crt"))).isEqualTo(oldCertificate);
        assertThat(Files.readAllBytes(retired.resolve("sign.key"))).isEqualTo(oldKey);
        assertThat(Files.readAllBytes(retired.resolve("sign.p12"))).isEqualTo(oldStore);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(retired.resolve("sign.key"))))
                .isEqualTo("rw-------");
        assertThat(Files.readAllBytes(pki.resolve("housing/sign.crt"))).isNotEqualTo(oldCertificate);
        assertThat(Files.readAllBytes(pki.resolve("housing/sign.key"))).isNotEqualTo(oldKey);
        assertThat(Files.readAllBytes(pki.resolve("housing/tls-client.crt"))).isEqualTo(untouchedClient);
        assertThat(pki.resolve("housing/retired")).isDirectoryContaining(path -> path.equals(retired));
    }

    @Test
    void keepsEveryGenerationAcrossTwoRotations() {
        String first = certificate("housing/sign.crt").getSerialNumber().toString(16);
        DevelopmentPki.issueParty(ca, settings("housing", EnumSet.of(PartyCredential.SIGN)), pki)
                .writeTo(pki, true);
        String second = certificate("housing/sign.crt").getSerialNumber().toString(16);
        DevelopmentPki.issueParty(ca, settings("housing", EnumSet.of(PartyCredential.SIGN)), pki)
                .writeTo(pki, true);

        assertThat(pki.resolve("housing/retired/" + first + "/sign.key")).isRegularFile();
        assertThat(pki.resolve("housing/retired/" + second + "/sign.key")).isRegularFile();
        assertThat(certificate("housing/sign.crt").getSerialNumber().toString(16))
                .isNotIn(first, second);
    }

    @Test
    void refusesToRetireAKeyWithoutItsCertificate() throws Exception {
        Files.delete(pki.resolve("housing/sign.crt"));

        assertThatThrownBy(() -> DevelopmentPki.issueParty(ca, settings("housing", ALL), pki))
                .isInstanceOf(MaterialException.class)
                .hasMessageContaining("exists without " + pki.resolve("housing/sign.crt"));
    }

    @Test
    void checksTheSettings() {
        assertThatThrownBy(() -> settings("Tax Bureau", ALL)).hasMessageContaining("party name 'Tax Bureau'");
        assertThatThrownBy(() -> settings("ca", ALL)).hasMessageContaining("not 'ca'");
        assertThatThrownBy(() -> settings("tax", Set.of())).hasMessageContaining("at least one profile");
        assertThatThrownBy(() -> new DevelopmentPki.PartySettings("tax", ALL, List.of("bad host!"), 10, PASSWORD))
                .hasMessageContaining("'bad host!'");
        assertThatThrownBy(() -> new DevelopmentPki.PartySettings("tax", ALL, List.of(), 0, PASSWORD))
                .hasMessageContaining("at least 1 day");
        assertThatThrownBy(() -> new DevelopmentPki.PartySettings("tax", ALL, List.of(), 1, new char[0]))
                .hasMessageContaining("must not be empty");
        assertThat(PartyCredential.byName(" TLS-Server ")).isEqualTo(PartyCredential.TLS_SERVER);
        assertThatThrownBy(() -> PartyCredential.byName("tls"))
                .hasMessage("unknown profile 'tls'; expected some of: sign, tls-client, tls-server");
    }
}
