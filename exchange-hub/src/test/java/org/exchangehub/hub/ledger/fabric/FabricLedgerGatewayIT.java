package org.exchangehub.hub.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.ledger.InclusionCheck;
import org.exchangehub.hub.ledger.LedgerMode;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.NotaryBatch;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.merkle.InclusionProof;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.MerkleTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub's Fabric gateway against a real Fabric peer and orderer with the notary chaincode deployed as a service.
 * Not part of {@code mvn verify}: run {@code scripts/fabric-it.sh}, which starts the network with
 * {@code scripts/fabric-dev-network.sh} and then {@code mvn -Pfabric-it verify}. It fails (not skips) when the
 * network's settings file is missing.
 */
class FabricLedgerGatewayIT {

    static FabricLedgerGateway gateway;
    static NotaryLedger ledger;

    @BeforeAll
    static void connect() throws IOException {
        Path settings = Path.of(System.getProperty(
                "fabric.settings",
                System.getenv().getOrDefault("FABRIC_NET_DIR", "../data/fabric") + "/hub-fabric.properties"));
        assertThat(settings)
                .as("settings written by scripts/fabric-dev-network.sh up")
                .isRegularFile();
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(settings, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        FabricProperties fabric = FabricProperties.from(p);
        gateway = FabricLedgerGateway.connect(
                fabric, p.getProperty("hub.ledger.channel"), p.getProperty("hub.ledger.chaincode"));
        ledger = new NotaryLedger(gateway);
    }

    @AfterAll
    static void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void anchorsABatchAndProvesEveryLeafAgainstTheRootOnTheLedger() {
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            digests.add(DigestAlgorithm.SHA_256.digest(("contract HT-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        MerkleTree tree = MerkleTree.fromLeafData(MerkleHasher.of(DigestAlgorithm.SHA_256), digests);
        String batchId = "it-" + UUID.randomUUID();
        long heightBefore = gateway.height();

        NotaryLedger.Anchored anchored = ledger.anchor(batchId, tree.root(), 37, DigestAlgorithm.SHA_256);

        assertThat(anchored.coordinates().mode()).isEqualTo(LedgerMode.FABRIC);
        assertThat(anchored.coordinates().blockNumber()).isGreaterThanOrEqualTo(heightBefore);
        assertThat(gateway.blockNumberOf(anchored.coordinates().transactionId()))
                .isEqualTo(anchored.coordinates().blockNumber());
        NotaryBatch stored = ledger.batch(batchId).orElseThrow();
        assertThat(stored).isEqualTo(anchored.batch());
        List<InclusionProof> proofs = tree.allInclusionProofs();
        for (int i = 0; i < 37; i++) {
            InclusionCheck check = ledger.verifyInclusion(batchId, tree.leafHash(i), proofs.get(i));
            assertThat(check.included()).as("leaf %d", i).isTrue();
        }
        assertThat(ledger.verifyInclusion(batchId, new byte[32], proofs.get(0)).included())
                .isFalse();
    }

    @Test
    void aRefusalComesBackWithItsCode() {
        MerkleTree tree =
                MerkleTree.fromLeafData(MerkleHasher.of(DigestAlgorithm.SHA_256), List.of(new byte[32], new byte[32]));
        String batchId = "it-" + UUID.randomUUID();
        ledger.anchor(batchId, tree.root(), 2, DigestAlgorithm.SHA_256);

        assertThatThrownBy(() -> ledger.anchor(batchId, new byte[32], 2, DigestAlgorithm.SHA_256))
                .isInstanceOf(LedgerRefusedException.class)
                .extracting(e -> ((LedgerRefusedException) e).code())
                .isEqualTo("BATCH_EXISTS");
        assertThat(ledger.batch("it-absent-" + UUID.randomUUID())).isEmpty();
        assertThat(ledger.anchor(batchId, tree.root(), 2, DigestAlgorithm.SHA_256)
                        .batch()
                        .batchId())
                .as("re-anchoring the same root is idempotent")
                .isEqualTo(batchId);
    }
}
