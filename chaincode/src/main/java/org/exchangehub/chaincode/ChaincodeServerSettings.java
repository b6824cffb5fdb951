package org.exchangehub.chaincode;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;

/**
 * How the chaincode-as-a-service server listens, read from the environment the same way the shim's {@code
 * ContractRouter} reads it, plus {@value #ID} (the name Fabric's samples and k8s builders pass).
 *
 * @param chaincodeId the package id the peer knows the chaincode by ({@code label:hash})
 * @param address where to listen
 * @param tlsEnabled serve TLS with {@code certFile} and {@code keyFile}
 * @param keyFile PEM private key (PKCS#8) of the server, when TLS is on
 * @param certFile PEM certificate chain of the server, when TLS is on
 * @param clientCaFile PEM CA certificates that peers' client certificates must chain to; null: no client auth
 */
record ChaincodeServerSettings(
        String chaincodeId,
        InetSocketAddress address,
        boolean tlsEnabled,
        String keyFile,
        String certFile,
        String clientCaFile) {

    static final String ADDRESS = "CHAINCODE_SERVER_ADDRESS";
    static final String ID = "CHAINCODE_ID";
    /** The shim's own name for the chaincode id; used when {@value #ID} is not set. */
    static final String SHIM_ID = "CORE_CHAINCODE_ID_NAME";
    // The shim names the server's key and certificate after the client mode's; kept, so its documentation applies.
    static final String TLS_ENABLED = "CORE_PEER_TLS_ENABLED";
    static final String KEY_FILE = "CORE_TLS_CLIENT_KEY_FILE";
    static final String CERT_FILE = "CORE_TLS_CLIENT_CERT_FILE";
    static final String CLIENT_CA_FILE = "CHAINCODE_CLIENT_CA_CERT";

    /** True when the environment asks for a server (chaincode-as-a-service) rather than a peer-launched chaincode. */
    static boolean isServerMode(Map<String, String> env) {
        return !blank(env.get(ADDRESS));
    }

    /**
     * Reads the settings.
     *
     * @throws IllegalArgumentException a variable is missing or unreadable; the message names it
     */
    static ChaincodeServerSettings fromEnvironment(Map<String, String> env) {
        String id = blank(env.get(ID)) ? env.get(SHIM_ID) : env.get(ID);
        if (blank(id)) {
            throw new IllegalArgumentException(ID + " (or " + SHIM_ID + ") must name the chaincode package id");
        }
        InetSocketAddress address = address(env.get(ADDRESS));
        boolean tls = Boolean.parseBoolean(env.get(TLS_ENABLED));
        String keyFile = env.get(KEY_FILE);
        String certFile = env.get(CERT_FILE);
        if (tls && (blank(keyFile) || blank(certFile))) {
            throw new IllegalArgumentException(
                    TLS_ENABLED + "=true needs " + KEY_FILE + " and " + CERT_FILE + " (PEM key and certificate chain)");
        }
        String clientCa = blank(env.get(CLIENT_CA_FILE)) ? null : env.get(CLIENT_CA_FILE);
        return new ChaincodeServerSettings(id, address, tls, keyFile, certFile, clientCa);
    }

    /** The shim's server properties for these settings, its defaults otherwise. */
    ChaincodeServerProperties toProperties() {
        ChaincodeServerProperties properties = new ChaincodeServerProperties();
        properties.setServerAddress(address);
        if (tlsEnabled) {
            properties.setTlsEnabled(true);
            properties.setKeyFile(keyFile);
            properties.setKeyCertChainFile(certFile);
            properties.setTrustCertCollectionFile(clientCaFile);
        }
        return properties;
    }

    private static InetSocketAddress address(String hostPort) {
        if (blank(hostPort)) {
            throw new IllegalArgumentException(ADDRESS + " must be host:port, for example 0.0.0.0:9999");
        }
        try {
            URI uri = new URI("tcp://" + hostPort.trim());
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new URISyntaxException(hostPort, "no host or no port");
            }
            return new InetSocketAddress(uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(ADDRESS + "='" + hostPort + "' is not host:port");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
