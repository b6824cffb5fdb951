package org.exchangehub.chaincode;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.NettyGrpcServer;

/**
 * Entry point of {@code notary-chaincode.jar}: with {@code CHAINCODE_SERVER_ADDRESS} set, serves the notary contract
 * as a chaincode-as-a-service gRPC server that the peer dials; without it, hands over to the shim's {@link
 * ContractRouter}, which dials the peer (the peer-launched mode).
 */
public final class NotaryChaincodeServer {

    private static final Logger LOG = Logger.getLogger(NotaryChaincodeServer.class.getName());

    private final NettyGrpcServer server;

    private NotaryChaincodeServer(NettyGrpcServer server) {
        this.server = server;
    }

    /** Starts the server; see the module README for the environment it reads. */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        if (!ChaincodeServerSettings.isServerMode(env)) {
            ContractRouter.main(args);
            return;
        }
        start(ChaincodeServerSettings.fromEnvironment(env)).awaitTermination();
    }

    /** Registers the contracts and listens; returns once the port is bound. */
    static NotaryChaincodeServer start(ChaincodeServerSettings settings) throws IOException, InterruptedException {
        ContractRouter router = new ContractRouter(new String[] {"--id", settings.chaincodeId()});
        NettyGrpcServer grpc = new NettyGrpcServer(router, settings.toProperties());
        // The router's own start path (NettyChaincodeServer) blocks until shutdown; this one returns once bound, so
        // the caller knows the port is open, then decides whether to wait.
        router.startRouterWithChaincodeServer(new ChaincodeServer() {
            @Override
            public void start() throws IOException {
                grpc.start();
            }

            @Override
            public void stop() {
                grpc.stop();
            }
        });
        LOG.info(() -> "notary chaincode " + settings.chaincodeId() + " listening on " + settings.address());
        return new NotaryChaincodeServer(grpc);
    }

    /** Blocks until the server stops. */
    void awaitTermination() throws InterruptedException {
        server.blockUntilShutdown();
    }

    /** Stops the server and waits until it has. */
    void stop() throws InterruptedException {
        server.stop();
        server.blockUntilShutdown();
    }
}
