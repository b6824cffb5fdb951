package org.exchangehub.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.json.JSONArray;

/**
 * The notary's world state, one composite-key namespace per kind of entry:
 *
 * <pre>
 * notary.batch  / batchId                          -> NotaryBatch JSON
 * notary.order  / 1700000000123456789 / txId       -> batchId (a batch anchored by chaincode 0.2+: its sequence,
 *                                                     the transaction's timestamp in ns, then its transaction id)
 * notary.order  / 0000000000000000042              -> batchId (the 42nd batch anchored by chaincode 0.1)
 * notary.counter                                   -> 0.1's last sequence; 0.2+ neither reads nor writes it
 * notary.authorizedMsps                            -> sorted JSON array of the MSP ids allowed to anchor
 * </pre>
 *
 * An anchor writes only its own batch key and its own order key, and reads only its own batch key and the MSP list
 * (which only admins write): two anchors never touch a key the other writes, so Fabric's MVCC check never makes one
 * of them fail. Both shapes of order key are 19 zero-padded digits first, and every 0.2+ sequence is at least
 * 10^18 while 0.1's counted from 1, so one key-ordered scan of {@code notary.order} lists the old batches first and
 * then the new ones by transaction time (docs/adr/0011).
 *
 * <p>Keys are built with {@link CompositeKey} directly (exactly what {@code ChaincodeStub.createCompositeKey} does).
 */
final class NotaryState {

    static final String BATCH = "notary.batch";
    static final String ORDER = "notary.order";
    /** Written by chaincode 0.1 only; still on ledgers it anchored on, and ignored. */
    static final String COUNTER = "notary.counter";

    static final String AUTHORIZED_MSPS = "notary.authorizedMsps";

    private final ChaincodeStub stub;

    NotaryState(ChaincodeStub stub) {
        this.stub = stub;
    }

    /** A batch's place in the listing order. */
    record Place(long sequence, String batchId) {}

    static String batchKey(String batchId) {
        return new CompositeKey(BATCH, batchId).toString();
    }

    /** The order key of a batch anchored by chaincode 0.2+: sequence (ns), then the transaction id for ties. */
    static String orderKey(long sequence, String txId) {
        return new CompositeKey(ORDER, digits(sequence), txId).toString();
    }

    /** The order key chaincode 0.1 wrote; also the first key a listing after {@code sequence - 1} reads. */
    static String orderKey(long sequence) {
        return new CompositeKey(ORDER, digits(sequence)).toString();
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

    /** Stores a new batch and its place in the listing order: two keys that belong to this batch alone. */
    void append(NotaryBatch batch) {
        write(batchKey(batch.batchId()), batch.toJson());
        write(orderKey(batch.sequence(), batch.txId()), batch.batchId());
    }

    /**
     * The places after {@code afterSequence} in sequence order: {@code limit} of them (fewer when the ledger holds
     * fewer), and more only to finish a run of batches that share the last sequence (anchored in the same nanosecond),
     * so that a reader who continues after the last sequence of a page misses none.
     */
    List<Place> placesAfter(long afterSequence, int limit) {
        List<Place> places = new ArrayList<>();
        if (afterSequence == Long.MAX_VALUE) {
            return places;
        }
        // A paginated range read, because a plain one may not start inside a composite-key namespace: the shim
        // refuses range keys that begin with U+0000, while the peer starts a page at its bookmark. The next page
        // starts right after the last key read (that key and U+0000 is the least key above it), so the response's
        // metadata, a class the chaincode's compile classpath does not have, is never needed.
        String bookmark = orderKey(afterSequence + 1);
        int pageSize = limit + 1;
        while (true) {
            int read = 0;
            QueryResultsIteratorWithMetadata<KeyValue> page =
                    stub.getStateByPartialCompositeKeyWithPagination(new CompositeKey(ORDER), pageSize, bookmark);
            try {
                for (KeyValue entry : page) {
                    read++;
                    bookmark = entry.getKey() + "\u0000";
                    long sequence = Long.parseLong(CompositeKey.parseCompositeKey(entry.getKey())
                            .getAttributes()
                            .get(0));
                    if (places.size() >= limit && places.get(places.size() - 1).sequence() != sequence) {
                        return places;
                    }
                    places.add(new Place(sequence, entry.getStringValue()));
                }
            } finally {
                close(page);
            }
            if (read < pageSize) {
                return places;
            }
        }
    }

    private static void close(AutoCloseable results) {
        try {
            results.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot close a range read of the anchoring order", e);
        }
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

    private static String digits(long sequence) {
        return String.format("%019d", sequence);
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
