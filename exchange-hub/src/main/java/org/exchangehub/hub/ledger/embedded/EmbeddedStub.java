package org.exchangehub.hub.ledger.embedded;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The {@link ChaincodeStub} of one transaction on the embedded ledger, with Fabric's semantics: reads see the
 * committed world state (not this transaction's own writes), writes are collected into a write set that the ledger
 * commits atomically in a block, and at most one event is kept. A stub of a submitted transaction also keeps its read
 * set (each key's version, each range read's keys and versions), which the ledger checks at commit as Fabric's MVCC
 * validation does. Private data, rich (CouchDB) queries and
 * chaincode-to-chaincode calls do not exist on this ledger and are refused with an explanation, as a Fabric peer
 * without them would refuse.
 */
final class EmbeddedStub implements ChaincodeStub {

    /** Fabric's end of a partial composite key range (utf8.MaxRune). */
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    private final LedgerStore.StateView state;
    private final TransactionProposal proposal;
    private final boolean keepsReads;
    private final Map<String, byte[]> writes = new TreeMap<>(KeyOrder.UTF8);
    private final Map<String, Long> readVersions = new TreeMap<>(KeyOrder.UTF8);
    private final List<RangeRead> rangeReads = new ArrayList<>();
    private ChaincodeEvent event;

    /** A range read of a submitted transaction: what it found, to be found again unchanged at commit. */
    record RangeRead(String startKey, String endKey, int limit, List<LedgerStore.KeyVersion> found) {}

    /** A stub that keeps no read set, for evaluations. */
    EmbeddedStub(LedgerStore.StateView state, TransactionProposal proposal) {
        this(state, proposal, false);
    }

    EmbeddedStub(LedgerStore.StateView state, TransactionProposal proposal, boolean keepsReads) {
        this.state = state;
        this.proposal = proposal;
        this.keepsReads = keepsReads;
    }

    /** The version of every key this transaction read, as it first read it. */
    Map<String, Long> readVersions() {
        return Collections.unmodifiableMap(readVersions);
    }

    List<RangeRead> rangeReads() {
        return Collections.unmodifiableList(rangeReads);
    }

    /** Keys written (value) or deleted (null) by this transaction, in key order. */
    Map<String, byte[]> writeSet() {
        return Collections.unmodifiableMap(writes);
    }

    /** The event this transaction set, or null. */
    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public List<byte[]> getArgs() {
        List<byte[]> args = new ArrayList<>();
        args.add(proposal.function().getBytes(StandardCharsets.UTF_8));
        proposal.arguments().forEach(a -> args.add(a.getBytes(StandardCharsets.UTF_8)));
        return args;
    }

    @Override
    public List<String> getStringArgs() {
        List<String> args = new ArrayList<>();
        args.add(proposal.function());
        args.addAll(proposal.arguments());
        return args;
    }

    @Override
    public String getFunction() {
        return proposal.function();
    }

    @Override
    public List<String> getParameters() {
        return proposal.arguments();
    }

    @Override
    public String getTxId() {
        return proposal.transactionId();
    }

    @Override
    public String getChannelId() {
        return proposal.channel();
    }

    @Override
    public java.time.Instant getTxTimestamp() {
        return proposal.timestamp();
    }

    @Override
    public byte[] getCreator() {
        return proposal.creator().serializedIdentity();
    }

    @Override
    public String getMspId() {
        return proposal.creator().mspId();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    @Override
    public byte[] getBinding() {
        return proposal.binding();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw unsupported("signed proposals (transactions are proposed in-process)");
    }

    /** Like a Fabric peer, a key that does not exist reads as an empty value, not null. */
    @Override
    public byte[] getState(String key) {
        if (keepsReads && !readVersions.containsKey(key)) {
            readVersions.put(key, state.version(key));
        }
        byte[] value = state.get(key);
        return value == null ? new byte[0] : value;
    }

    @Override
    public void putState(String key, byte[] value) {
        requireKey(key);
        if (value == null) {
            throw new IllegalArgumentException("value for key '" + key + "' must not be null; use delState");
        }
        writes.put(key, value.clone());
    }

    @Override
    public void delState(String key) {
        requireKey(key);
        writes.put(key, null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        keepRangeRead(startKey, endKey, Integer.MAX_VALUE);
        return new ListIterator<>(state.range(startKey, endKey, Integer.MAX_VALUE));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        String from = bookmark == null || bookmark.isEmpty() ? startKey : bookmark;
        keepRangeRead(from, endKey, pageSize + 1);
        List<KeyValue> page = state.range(from, endKey, pageSize + 1);
        String next = page.size() > pageSize ? page.get(pageSize).getKey() : "";
        List<KeyValue> rows = page.size() > pageSize ? page.subList(0, pageSize) : page;
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(rows.size())
                .setBookmark(next)
                .build();
        return new ListIteratorWithMetadata(rows, metadata);
    }

    /** As in Fabric's Java shim: a string that is not already a composite key is an object type. */
    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        return getStateByPartialCompositeKey(
                compositeKey.startsWith(CompositeKey.NAMESPACE)
                        ? CompositeKey.parseCompositeKey(compositeKey)
                        : new CompositeKey(compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        String start = compositeKey.toString();
        return getStateByRange(start, start + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        String start = compositeKey.toString();
        return getStateByRangeWithPagination(start, start + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        return new ListIterator<>(state.history(key));
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name must not be empty");
        }
        event = ChaincodeEvent.newBuilder()
                .setEventName(name)
                .setTxId(proposal.transactionId())
                .setPayload(ByteString.copyFrom(payload == null ? new byte[0] : payload))
                .build();
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unsupported("rich queries (they need CouchDB; this ledger's state is a key-ordered store like LevelDB)");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw unsupported("rich queries (they need CouchDB; this ledger's state is a key-ordered store like LevelDB)");
    }

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw unsupported("calls to other chaincodes (only the notary chaincode runs here)");
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw unsupported("key-level endorsement policies (there is one endorser)");
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw unsupported("key-level endorsement policies (there is one endorser)");
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw noCollection(collection);
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw noCollection(collection);
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw noCollection(collection);
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw noCollection(collection);
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw noCollection(collection);
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw noCollection(collection);
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw noCollection(collection);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw noCollection(collection);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw noCollection(collection);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        throw noCollection(collection);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        throw noCollection(collection);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw noCollection(collection);
    }

    private void keepRangeRead(String startKey, String endKey, int limit) {
        if (keepsReads) {
            rangeReads.add(new RangeRead(startKey, endKey, limit, state.rangeVersions(startKey, endKey, limit)));
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("the embedded ledger does not support " + what);
    }

    private static UnsupportedOperationException noCollection(String collection) {
        return new UnsupportedOperationException(
                "private data collection '" + collection + "' is not defined on the embedded ledger");
    }

    /** Results already read from the store, handed out as Fabric's iterator. */
    private static class ListIterator<T> implements QueryResultsIterator<T> {
        private final List<T> rows;

        ListIterator(List<T> rows) {
            this.rows = rows;
        }

        @Override
        public Iterator<T> iterator() {
            return rows.iterator();
        }

        @Override
        public void close() {}
    }

    private static final class ListIteratorWithMetadata extends ListIterator<KeyValue>
            implements QueryResultsIteratorWithMetadata<KeyValue> {
        private final QueryResponseMetadata metadata;

        ListIteratorWithMetadata(List<KeyValue> rows, QueryResponseMetadata metadata) {
            super(rows);
            this.metadata = metadata;
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return metadata;
        }
    }

    @Override
    public String toString() {
        return "EmbeddedStub[" + proposal.function() + " "
                + Arrays.toString(proposal.arguments().toArray()) + "]";
    }
}
