package org.exchangehub.hub.ledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.msp.FabricOrganization;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.hub.ledger.LedgerIdentity;
import org.springframework.modulith.NamedInterface;

/**
 * The embedded ledger's own organization, laid out as a Fabric MSP (the same folders {@code certs msp} writes for a
 * real network): an orderer identity that signs blocks, an admin that may authorize MSPs, and the hub's client
 * identity that anchors batches. Made once under the data directory, never committed.
 */
@NamedInterface("embedded")
public final class EmbeddedOrganization {

    static final String DOMAIN = "hub.local";
    static final String ORDERER = "ledger0";
    static final String ADMIN = "Admin";
    static final String CLIENT = "Hub";
    static final int VALIDITY_DAYS = 3650;

    private final String mspId;
    private final Path dir;
    private final X509Certificate ca;

    private EmbeddedOrganization(String mspId, Path dir) {
        this.mspId = mspId;
        this.dir = dir;
        this.ca = Pem.readCertificate(only(dir.resolve("msp/cacerts")));
    }

    /** Opens the organization in {@code dir}, making it first if the folder holds none. */
    public static EmbeddedOrganization openOrCreate(Path dir, String mspId) {
        if (!Files.isDirectory(dir.resolve("msp/cacerts"))) {
            FabricOrganization.generate(new FabricOrganization.Settings(
                            mspId,
                            DOMAIN,
                            List.of(),
                            List.of(ORDERER),
                            List.of(ADMIN, CLIENT),
                            SignatureAlgorithm.ECDSA_P256,
                            List.of("localhost", "127.0.0.1"),
                            VALIDITY_DAYS))
                    .writeTo(dir, false);
        }
        return new EmbeddedOrganization(mspId, dir);
    }

    public LedgerIdentity orderer() {
        return identity(dir.resolve("orderers/" + ORDERER + "." + DOMAIN + "/msp"));
    }

    public LedgerIdentity admin() {
        return identity(dir.resolve("users/" + ADMIN + "@" + DOMAIN + "/msp"));
    }

    public LedgerIdentity client() {
        return identity(dir.resolve("users/" + CLIENT + "@" + DOMAIN + "/msp"));
    }

    /** Whether the organization's CA issued this certificate (the chain check's rule for a block signer). */
    public boolean issued(X509Certificate certificate) {
        try {
            certificate.verify(ca.getPublicKey());
            return certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private LedgerIdentity identity(Path msp) {
        return new LedgerIdentity(
                mspId,
                Pem.readCertificate(only(msp.resolve("signcerts"))),
                Pem.readPrivateKey(only(msp.resolve("keystore"))));
    }

    private static Path only(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(Files::isRegularFile).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one file in " + folder + ", found " + found.size());
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded ledger's MSP folder " + folder, e);
        }
    }
}
