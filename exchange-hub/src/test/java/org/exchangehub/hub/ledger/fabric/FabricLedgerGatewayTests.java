package org.exchangehub.hub.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.exchangehub.hub.TestIdentities;
import org.exchangehub.hub.ledger.LedgerIdentity;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricLedgerGatewayTests {

    @Nested
    class Translate {

        @Test
        void anUnreachablePeerIsUnavailable() {
            GatewayException e = new GatewayException(
                    Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException());

            assertThat(FabricLedgerGateway.translate("AnchorBatch", e))
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("unreachable")
                    .hasMessageContaining("connection refused");
        }

        @Test
        void aChaincodeRefusalKeepsItsCodeFromThePeersDetails() {
            com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                    .setCode(Status.Code.ABORTED.value())
                    .setMessage("failed to endorse transaction, see attached details for more info")
                    .addDetails(Any.pack(ErrorDetail.newBuilder()
                            .setAddress("peer0.org1.example.com:7051")
                            .setMspId("Org1MSP")
                            .setMessage("chaincode response 500, BATCH_EXISTS: batch b-1 is already anchored")
                            .build()))
                    .build();
            GatewayException e = new GatewayException(StatusProto.toStatusRuntimeException(status));

            RuntimeException translated = FabricLedgerGateway.translate("AnchorBatch", e);

            assertThat(translated).isInstanceOf(LedgerRefusedException.class);
            assertThat(((LedgerRefusedException) translated).code()).isEqualTo("BATCH_EXISTS");
            assertThat(translated).hasMessageContaining("Org1MSP@peer0.org1.example.com:7051");
        }

        @Test
        void anAbortThatIsNotTheChaincodesRefusalIsUnavailable() {
            for (String outage : java.util.List.of(
                    "could not launch chaincode notary_1.0:80ae: connection refused",
                    "failed to collect enough transaction endorsements",
                    "chaincode response 500, Unexpected error")) {
                com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.ABORTED.value())
                        .setMessage("failed to endorse transaction, see attached details for more info")
                        .addDetails(Any.pack(ErrorDetail.newBuilder()
                                .setAddress("peer0.org1.example.com:7051")
                                .setMspId("Org1MSP")
                                .setMessage(outage)
                                .build()))
                        .build();

                assertThat(FabricLedgerGateway.translate(
                                "AnchorBatch", new GatewayException(StatusProto.toStatusRuntimeException(status))))
                        .as(outage)
                        .isInstanceOf(LedgerUnavailableException.class);
            }
        }
    }

    @Nested
    class Connect {

        @TempDir
        Path dir;

        FabricProperties properties(String endpoint) throws IOException {
            LedgerIdentity identity = TestIdentities.ledgerIdentity("Org1MSP", "User1", "client");
            Path certificate = Files.writeString(dir.resolve("cert.pem"), identity.certificatePem());
            Path key = Files.writeString(
                    dir.resolve("key.pem"),
                    "-----BEGIN PRIVATE KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(identity.privateKey().getEncoded())
                            + "\n-----END PRIVATE KEY-----\n");
            Duration short_ = Duration.ofSeconds(2);
            return new FabricProperties(
                    endpoint, null, null, "Org1MSP", certificate, key, short_, short_, short_, short_);
        }

        @Test
        void aPeerThatIsNotListeningIsReportedUnavailableWithinTheTimeout() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (FabricLedgerGateway gateway =
                    FabricLedgerGateway.connect(properties("127.0.0.1:" + port), "housing", "notary")) {
                long started = System.nanoTime();

                assertThatThrownBy(() -> gateway.submit("AnchorBatch", "b", "00", "1", "SHA-256"))
                        .isInstanceOf(LedgerUnavailableException.class)
                        .hasMessageContaining("unreachable");
                assertThatThrownBy(() -> gateway.evaluate("GetBatch", "b"))
                        .isInstanceOf(LedgerUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            }
        }

        @Test
        void missingFilesAreNamedWithTheirProperty() throws IOException {
            FabricProperties good = properties("127.0.0.1:7051");
            FabricProperties noKey = new FabricProperties(
                    good.peerEndpoint(),
                    null,
                    null,
                    "Org1MSP",
                    good.certificate(),
                    dir.resolve("absent.pem"),
                    null,
                    null,
                    null,
                    null);

            assertThatThrownBy(() -> FabricLedgerGateway.connect(noKey, "housing", "notary"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hub.ledger.fabric.private-key")
                    .hasMessageContaining("absent.pem");
        }
    }
}
