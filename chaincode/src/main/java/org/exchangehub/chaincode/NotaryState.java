package org.exchangehub.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.json.JSONArray;

/**
 * The notary's world state, one composite-key namespace per kind of entry:
 *
 * <pre>
 * notary.batch  / batchId            -> NotaryBatch JSON
 * notary.order  / 0000000000000000042 -> batchId of the 42nd anchored batch (zero-padded: keys sort in anchoring order)
 * notary.counter                     -> sequence of the last anchored batch, decimal
 * notary.authorizedMsps              -> sorted JSON array of the MSP ids allowed to anchor
 * </pre>
 *
 * Keys are built with {@link CompositeKey} directly (exactly what {@code ChaincodeStub.createCompositeKey} does), so
 * a stub needs only getState, putState, setEvent, getTxId and getTxTimestamp to run this contract.
 */
final class NotaryState {

    static final String BATCH = "notary.batch";
    static final String ORDER = "notary.order";
    static final String COUNTER = "notary.counter";
    static final String AUTHORIZED_MSPS = "notary.authorizedMsps";

    private final ChaincodeStub stub;

    NotaryState(ChaincodeStub stub) {
        this.stub = stub;
    }

    static String batchKey(String batchId) {
        return new CompositeKey(BATCH, batchId).toString();
    }

    static String orderKey(long sequence) {
        return new CompositeKey(ORDER, String.format("%019d", sequence)).toString();
    }

    static String counterKey() {
        return new CompositeKey(COUNTER).toString();
    }

    static String authorizedMspsKey() {
        return new CompositeKey(AUTHORIZED_MSPS).toString();
    }

    Optional<NotaryBatch> batch(String batchId) {
        return read(batchKey(batchId)).map(NotaryBatch::fromJson);
    }

    /** Sequence of the last anchored batch; 0 before the first. */
    long lastSequence() {
        return read(counterKey()).map(Long::parseLong).orElse(0L);
    }

    Optional<String> batchIdAt(long sequence) {
        return read(orderKey(sequence));
    }

    /** Stores a new batch, its place in the anchoring order, and moves the counter to it. */
    void append(NotaryBatch batch) {
        write(batchKey(batch.batchId()), batch.toJson());
        write(orderKey(batch.sequence()), batch.batchId());
        write(counterKey(), Long.toString(batch.sequence()));
    }

    SortedSet<String> authorizedMsps() {
        SortedSet<String> msps = new TreeSet<>();
        read(authorizedMspsKey()).ifPresent(json -> {
            for (Object mspId : new JSONArray(json)) {
                msps.add((String) mspId);
            }
        });
        return Collections.unmodifiableSortedSet(msps);
    }

    void putAuthorizedMsps(SortedSet<String> msps) {
        write(authorizedMspsKey(), SortedJson.array(msps));
    }

    private Optional<String> read(String key) {
        byte[] value = stub.getState(key);
        // The peer answers an absent key with an empty value; test doubles often answer null.
        return value == null || value.length == 0 ? Optional.empty() : Optional.of(new String(value, UTF_8));
    }

    private void write(String key, String value) {
        stub.putState(key, value.getBytes(UTF_8));
    }
}
