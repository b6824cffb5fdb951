package org.exchangehub.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChaincodeServerSettingsTests {

    private static final String PACKAGE_ID = "notary_1.0:2d6a5c1a";

    @Test
    void servesWhenAnAddressIsGiven() {
        assertThat(ChaincodeServerSettings.isServerMode(Map.of("CHAINCODE_SERVER_ADDRESS", "0.0.0.0:9999")))
                .isTrue();
        assertThat(ChaincodeServerSettings.isServerMode(Map.of("CHAINCODE_SERVER_ADDRESS", " ")))
                .isFalse();
        assertThat(ChaincodeServerSettings.isServerMode(Map.of())).isFalse();
    }

    @Test
    void readsAddressAndId() {
        ChaincodeServerSettings settings = ChaincodeServerSettings.fromEnvironment(
                Map.of("CHAINCODE_SERVER_ADDRESS", "0.0.0.0:9999", "CHAINCODE_ID", PACKAGE_ID));

        assertThat(settings.chaincodeId()).isEqualTo(PACKAGE_ID);
        assertThat(settings.address()).isEqualTo(new InetSocketAddress("0.0.0.0", 9999));
        assertThat(settings.tlsEnabled()).isFalse();
        ChaincodeServerProperties properties = settings.toProperties();
        assertThat(properties.getServerAddress()).isEqualTo(new InetSocketAddress("0.0.0.0", 9999));
        assertThat(properties.isTlsEnabled()).isFalse();
    }

    @Test
    void takesTheShimsNameForTheIdWhenChaincodeIdIsNotSet() {
        ChaincodeServerSettings settings = ChaincodeServerSettings.fromEnvironment(
                Map.of("CHAINCODE_SERVER_ADDRESS", "[::1]:7052", "CORE_CHAINCODE_ID_NAME", PACKAGE_ID));

        assertThat(settings.chaincodeId()).isEqualTo(PACKAGE_ID);
        assertThat(settings.address().getPort()).isEqualTo(7052);
    }

    @Test
    void refusesToStartWithoutAnId() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaincodeServerSettings.fromEnvironment(Map.of("CHAINCODE_SERVER_ADDRESS", "h:1")))
                .withMessage("CHAINCODE_ID (or CORE_CHAINCODE_ID_NAME) must name the chaincode package id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999", "host", "host:port", ":9999", "a b:1"})
    void refusesAnAddressWithoutHostAndPort(String address) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaincodeServerSettings.fromEnvironment(
                        Map.of("CHAINCODE_SERVER_ADDRESS", address, "CHAINCODE_ID", PACKAGE_ID)))
                .withMessage("CHAINCODE_SERVER_ADDRESS='" + address + "' is not host:port");
    }

    @Test
    void servesTlsWithTheShimsVariables() {
        ChaincodeServerSettings settings = ChaincodeServerSettings.fromEnvironment(Map.of(
                "CHAINCODE_SERVER_ADDRESS", "0.0.0.0:9999",
                "CHAINCODE_ID", PACKAGE_ID,
                "CORE_PEER_TLS_ENABLED", "true",
                "CORE_TLS_CLIENT_KEY_FILE", "/tls/server.key",
                "CORE_TLS_CLIENT_CERT_FILE", "/tls/server.crt",
                "CHAINCODE_CLIENT_CA_CERT", "/tls/peer-ca.crt"));

        ChaincodeServerProperties properties = settings.toProperties();
        assertThat(properties.isTlsEnabled()).isTrue();
        assertThat(properties.getKeyFile()).isEqualTo("/tls/server.key");
        assertThat(properties.getKeyCertChainFile()).isEqualTo("/tls/server.crt");
        assertThat(properties.getTrustCertCollectionFile()).isEqualTo("/tls/peer-ca.crt");
    }

    @Test
    void refusesTlsWithoutKeyAndCertificate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaincodeServerSettings.fromEnvironment(Map.of(
                        "CHAINCODE_SERVER_ADDRESS", "0.0.0.0:9999",
                        "CHAINCODE_ID", PACKAGE_ID,
                        "CORE_PEER_TLS_ENABLED", "true",
                        "CORE_TLS_CLIENT_KEY_FILE", "/tls/server.key")))
                .withMessage("CORE_PEER_TLS_ENABLED=true needs CORE_TLS_CLIENT_KEY_FILE and CORE_TLS_CLIENT_CERT_FILE"
                        + " (PEM key and certificate chain)");
    }
}
