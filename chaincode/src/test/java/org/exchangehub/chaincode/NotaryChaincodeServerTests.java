package org.exchangehub.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class NotaryChaincodeServerTests {

    @Test
    void listensOnTheGivenAddressUntilStopped() throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
        ChaincodeServerSettings settings =
                new ChaincodeServerSettings("notary_1.0:test", address, false, null, null, null);

        NotaryChaincodeServer server = NotaryChaincodeServer.start(settings);
        try (Socket socket = new Socket()) {
            socket.connect(address, 5_000);

            assertThat(socket.isConnected()).isTrue();
        } finally {
            server.stop();
        }

        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(address, 5_000);
                    }
                })
                .isInstanceOf(ConnectException.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
