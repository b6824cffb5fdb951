package org.exchangehub.hub.ledger.fabric;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.modulith.NamedInterface;

/**
 * How to reach a Fabric peer's Gateway service and as whom: {@code hub.ledger.fabric.*}.
 *
 * @param peerEndpoint host:port of the peer's gRPC endpoint, e.g. {@code localhost:7051}
 * @param hostOverride the TLS server name to expect when it differs from the endpoint's host, e.g.
 *     {@code peer0.org1.example.com}; empty for none
 * @param tlsCaCertificate PEM file of the CA that issued the peer's TLS certificate; absent means plaintext
 * @param mspId the hub's MSP id, e.g. {@code Org1MSP}
 * @param certificate PEM file of the hub's signing certificate (the MSP's signcerts)
 * @param privateKey PEM file of its private key (the MSP's keystore)
 */
@NamedInterface("fabric")
public record FabricProperties(
        String peerEndpoint,
        String hostOverride,
        Path tlsCaCertificate,
        String mspId,
        Path certificate,
        Path privateKey,
        Duration evaluateTimeout,
        Duration endorseTimeout,
        Duration submitTimeout,
        Duration commitStatusTimeout) {

    /**
     * Reads {@code hub.ledger.fabric.*} from a properties file such as the {@code hub-fabric.properties} that
     * {@code scripts/fabric-dev-network.sh} writes, for code that runs without Spring (the offline verify command).
     */
    public static FabricProperties from(java.util.Properties p) {
        String prefix = "hub.ledger.fabric.";
        String tls = p.getProperty(prefix + "tls-ca-certificate");
        String certificate = p.getProperty(prefix + "certificate");
        String key = p.getProperty(prefix + "private-key");
        return new FabricProperties(
                p.getProperty(prefix + "peer-endpoint"),
                p.getProperty(prefix + "host-override"),
                tls == null ? null : Path.of(tls),
                p.getProperty(prefix + "msp-id"),
                certificate == null ? null : Path.of(certificate),
                key == null ? null : Path.of(key),
                null,
                null,
                null,
                null);
    }

    public FabricProperties {
        evaluateTimeout = evaluateTimeout == null ? Duration.ofSeconds(5) : evaluateTimeout;
        endorseTimeout = endorseTimeout == null ? Duration.ofSeconds(15) : endorseTimeout;
        submitTimeout = submitTimeout == null ? Duration.ofSeconds(5) : submitTimeout;
        commitStatusTimeout = commitStatusTimeout == null ? Duration.ofMinutes(1) : commitStatusTimeout;
    }
}
