package org.exchangehub.hub.ledger.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.Status.Code;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerMode;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.springframework.modulith.NamedInterface;

/**
 * The Fabric ledger: submits and evaluates the notary chaincode's transactions through a peer's Gateway service
 * (fabric-gateway over gRPC) and waits for each submitted transaction's commit status.
 */
@NamedInterface("fabric")
public final class FabricLedgerGateway implements LedgerGateway, AutoCloseable {

    /**
     * How a peer reports a chaincode's refusal to a gateway client: {@code chaincode response 500, <message>}, and the
     * notary chaincode starts each message with its error code, e.g. {@code BATCH_EXISTS: ...}.
     */
    private static final Pattern CHAINCODE_REFUSAL =
            Pattern.compile("chaincode response 500, ([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+):");

    private static final Set<Code> UNREACHABLE =
            Set.of(Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED, Code.CANCELLED, Code.RESOURCE_EXHAUSTED);

    private final ManagedChannel grpc;
    private final Gateway gateway;
    private final Network network;
    private final Contract contract;
    private final String channel;

    FabricLedgerGateway(ManagedChannel grpc, Gateway gateway, String channel, String chaincode) {
        this.grpc = grpc;
        this.gateway = gateway;
        this.channel = channel;
        this.network = gateway.getNetwork(channel);
        this.contract = network.getContract(chaincode);
    }

    /** Connects as configured; the connection is lazy, so an unreachable peer shows at the first transaction. */
    public static FabricLedgerGateway connect(FabricProperties properties, String channel, String chaincode) {
        FabricConnection connection = FabricConnection.open(properties);
        return new FabricLedgerGateway(connection.grpc(), connection.gateway(), channel, chaincode);
    }

    @Override
    public LedgerMode mode() {
        return LedgerMode.FABRIC;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public Submitted submit(String transaction, String... arguments) {
        try {
            SubmittedTransaction submitted = contract.newProposal(transaction)
                    .addArguments(arguments)
                    .build()
                    .endorse()
                    .submitAsync();
            Status status = submitted.getStatus();
            if (!status.isSuccessful()) {
                throw new LedgerUnavailableException(
                        "transaction " + status.getTransactionId() + " (" + transaction + ") was not committed: "
                                + status.getCode(),
                        null);
            }
            return new Submitted(submitted.getResult(), status.getTransactionId(), status.getBlockNumber());
        } catch (GatewayException e) {
            throw translate(transaction, e);
        }
    }

    @Override
    public byte[] evaluate(String transaction, String... arguments) {
        try {
            return contract.evaluateTransaction(transaction, arguments);
        } catch (GatewayException e) {
            throw translate(transaction, e);
        }
    }

    @Override
    public long height() {
        try {
            byte[] info = network.getContract("qscc").evaluateTransaction("GetChainInfo", channel);
            return BlockchainInfo.parseFrom(info).getHeight();
        } catch (GatewayException e) {
            throw translate("qscc GetChainInfo", e);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException("the peer answered GetChainInfo with something unreadable", e);
        }
    }

    @Override
    public long blockNumberOf(String transactionId) {
        try {
            byte[] block = network.getContract("qscc").evaluateTransaction("GetBlockByTxID", channel, transactionId);
            return Block.parseFrom(block).getHeader().getNumber();
        } catch (GatewayException e) {
            RuntimeException translated = translate("qscc GetBlockByTxID", e);
            if (translated instanceof LedgerRefusedException) {
                throw new LedgerRefusedException(
                        "TRANSACTION_NOT_FOUND", "channel " + channel + " has no transaction " + transactionId);
            }
            throw translated;
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException("the peer answered GetBlockByTxID with something unreadable", e);
        }
    }

    /**
     * A refusal is only what the chaincode itself refused: a {@code chaincode response 500} whose message starts with
     * one of its error codes. Everything else (peer unreachable, chaincode server down, too few endorsements, an
     * orderer timing out) is "unavailable", and the caller retries; a retried anchor is idempotent.
     */
    static RuntimeException translate(String transaction, GatewayException e) {
        String details = e.getDetails().stream()
                .map(d -> d.getMspId() + "@" + d.getAddress() + ": " + d.getMessage())
                .collect(Collectors.joining("; "));
        String message = transaction + ": " + e.getStatus().getCode() + " "
                + e.getStatus().getDescription() + (details.isEmpty() ? "" : " (" + details + ")");
        if (UNREACHABLE.contains(e.getStatus().getCode())) {
            return new LedgerUnavailableException("the Fabric peer is unreachable: " + message, e);
        }
        Matcher refusal =
                CHAINCODE_REFUSAL.matcher(details + " " + e.getStatus().getDescription());
        if (refusal.find()) {
            return new LedgerRefusedException(refusal.group(1), message);
        }
        return new LedgerUnavailableException("the Fabric network could not complete it: " + message, e);
    }

    @Override
    public void close() {
        gateway.close();
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FabricLedgerGateway[" + channel + ", " + contract.getChaincodeName() + "]";
    }
}
