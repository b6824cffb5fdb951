package org.exchangehub.hub.ledger.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.hub.ledger.LedgerGateway;
import org.exchangehub.hub.ledger.LedgerIdentity;
import org.exchangehub.hub.ledger.LedgerMode;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.exchangehub.hub.ledger.LedgerUnavailableException;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded ledger: runs the notary contract class in-process, one transaction per block, over the hub's database.
 * A submitted transaction is proposed by a creator identity (as a Fabric client would) and executed against committed
 * state outside any lock (Fabric's endorsement); then, under the lock of the ledger's head row, its read set is checked
 * against the state as it is now (Fabric's MVCC validation: a key read has since been written, or a range read would
 * find other keys, and the transaction fails {@code MVCC_READ_CONFLICT} and writes nothing), and its write set, block
 * (hash-chained to the previous one and signed by the ledger's own orderer identity) and key history are committed in
 * one database transaction. A refused transaction writes nothing.
 */
@NamedInterface("embedded")
public final class EmbeddedLedgerGateway implements LedgerGateway {

    private final LedgerStore store;
    private final TransactionTemplate transactions;
    private final ContractDispatcher dispatcher;
    private final LedgerIdentity creator;
    private final LedgerIdentity blockSigner;
    private final String channel;
    private final Clock clock;
    private final Predicate<X509Certificate> trustedSigner;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    public EmbeddedLedgerGateway(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            ContractInterface contract,
            LedgerIdentity creator,
            LedgerIdentity blockSigner,
            String channel,
            Clock clock,
            Predicate<X509Certificate> trustedSigner) {
        this(
                new LedgerStore(jdbc),
                ownTransactions(transactionManager),
                new ContractDispatcher(contract),
                creator,
                blockSigner,
                channel,
                clock,
                trustedSigner);
    }

    private EmbeddedLedgerGateway(
            LedgerStore store,
            TransactionTemplate transactions,
            ContractDispatcher dispatcher,
            LedgerIdentity creator,
            LedgerIdentity blockSigner,
            String channel,
            Clock clock,
            Predicate<X509Certificate> trustedSigner) {
        this.store = store;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
        this.creator = creator;
        this.blockSigner = blockSigner;
        this.channel = channel;
        this.clock = clock;
        this.trustedSigner = trustedSigner;
    }

    /** The ledger commits on its own, never inside a caller's transaction: it stands for an external system. */
    private static TransactionTemplate ownTransactions(PlatformTransactionManager transactionManager) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    /** The same ledger, with transactions proposed by another identity (e.g. the organization's admin). */
    public EmbeddedLedgerGateway as(LedgerIdentity otherCreator) {
        return new EmbeddedLedgerGateway(
                store, transactions, dispatcher, otherCreator, blockSigner, channel, clock, trustedSigner);
    }

    @Override
    public LedgerMode mode() {
        return LedgerMode.EMBEDDED;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public Submitted submit(String transaction, String... arguments) {
        TransactionProposal proposal = propose(transaction, arguments);
        try {
            Endorsed endorsed = transactions.execute(status -> {
                status.setRollbackOnly();
                EmbeddedStub stub = new EmbeddedStub(store.state(), proposal, true);
                return new Endorsed(
                        stub, dispatcher.invoke(new Context(stub), proposal.function(), proposal.arguments()));
            });
            return transactions.execute(status -> commit(proposal, endorsed));
        } catch (DataAccessException e) {
            throw new LedgerUnavailableException("the embedded ledger's database is unavailable: " + e.getMessage(), e);
        }
    }

    /** A transaction executed against committed state: its read and write sets, event and result. */
    private record Endorsed(EmbeddedStub stub, byte[] result) {}

    private Submitted commit(TransactionProposal proposal, Endorsed endorsed) {
        LedgerStore.Head head = store.lockHead();
        EmbeddedStub stub = endorsed.stub();
        byte[] result = endorsed.result();
        if (readSetChanged(stub)) {
            // What a Fabric peer marks the transaction with; the hub's Fabric gateway reports it in the same words.
            throw new LedgerUnavailableException(
                    "transaction " + proposal.transactionId() + " (" + proposal.function()
                            + ") was not committed: MVCC_READ_CONFLICT",
                    null);
        }

        List<LedgerStore.Write> writes = new ArrayList<>();
        for (Map.Entry<String, byte[]> write : stub.writeSet().entrySet()) {
            writes.add(new LedgerStore.Write(write.getKey(), write.getValue()));
        }
        ChaincodeEvent event = stub.getEvent();
        long number = head.height();
        LedgerStore.CommittedTransaction tx = new LedgerStore.CommittedTransaction(
                proposal.transactionId(),
                number,
                proposal.function(),
                jsonArray(proposal.arguments()),
                creator.mspId(),
                creator.certificatePem(),
                proposal.timestamp(),
                new String(result, StandardCharsets.UTF_8),
                event == null ? null : event.getEventName(),
                event == null ? null : event.getPayload().toByteArray());
        String dataHash = BlockHashes.dataHash(tx, writes);
        String blockHash = BlockHashes.blockHash(number, head.headHash(), dataHash, proposal.timestamp());
        String signature = Base64.getEncoder()
                .encodeToString(blockSigner.sign(HexFormat.of().parseHex(blockHash)));
        store.append(
                new LedgerStore.Block(
                        number,
                        head.headHash(),
                        dataHash,
                        blockHash,
                        signature,
                        blockSigner.certificatePem(),
                        proposal.timestamp()),
                tx,
                writes);
        return new Submitted(result, proposal.transactionId(), number);
    }

    /** Whether a key the transaction read, or the keys of a range it read, changed since it was executed. */
    private boolean readSetChanged(EmbeddedStub stub) {
        LedgerStore.StateView now = store.state();
        for (Map.Entry<String, Long> read : stub.readVersions().entrySet()) {
            if (now.version(read.getKey()) != read.getValue()) {
                return true;
            }
        }
        for (EmbeddedStub.RangeRead range : stub.rangeReads()) {
            if (!now.rangeVersions(range.startKey(), range.endKey(), range.limit())
                    .equals(range.found())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] evaluate(String transaction, String... arguments) {
        TransactionProposal proposal = propose(transaction, arguments);
        try {
            return transactions.execute(status -> {
                status.setRollbackOnly();
                EmbeddedStub stub = new EmbeddedStub(store.state(), proposal);
                return dispatcher.invoke(new Context(stub), proposal.function(), proposal.arguments());
            });
        } catch (DataAccessException e) {
            throw new LedgerUnavailableException("the embedded ledger's database is unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public long height() {
        return store.head().height();
    }

    @Override
    public long blockNumberOf(String transactionId) {
        return store.blockOfTransaction(transactionId)
                .orElseThrow(() -> new LedgerRefusedException(
                        "TRANSACTION_NOT_FOUND", "the embedded ledger has no transaction " + transactionId));
    }

    /**
     * Re-checks every block, link and signature (by a signer {@code trustedSigner} accepts) and the world state
     * against the history.
     */
    public ChainCheckResult checkChain() {
        return transactions.execute(status -> new ChainCheck(store, trustedSigner).run());
    }

    /** Like Fabric: the transaction id is the hex SHA-256 of a fresh nonce and the creator's serialized identity. */
    private TransactionProposal propose(String function, String... arguments) {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        byte[] creatorBytes = creator.serializedIdentity();
        Instant time = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String txId = HexFormat.of().formatHex(DigestAlgorithm.SHA_256.digest(concat(nonce, creatorBytes)));
        byte[] binding = DigestAlgorithm.SHA_256.digest(concat(
                concat(nonce, creatorBytes), ByteBuffer.allocate(8).putLong(0).array()));
        return new TransactionProposal(function, List.of(arguments), txId, channel, time, creator, binding);
    }

    private String jsonArray(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode transaction arguments", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
