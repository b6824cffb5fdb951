package org.exchangehub.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * Mockito {@link Context}, {@link ChaincodeStub} and {@link ClientIdentity} over an in-memory world state, so that a
 * test can anchor and then read, and assert the exact keys and values written, and which keys a transaction read and
 * wrote (what Fabric's MVCC check compares).
 *
 * <p>The first transaction is {@value #TX_ID} at {@link #TX_TIME}; a transaction that sets its event (every successful
 * submit does, last) ends, and the next one gets the next id ({@code tx-0002}, ...) and a time 1 ms later, as
 * transactions from a real client would.
 */
final class MockLedger {

    static final Instant TX_TIME = Instant.parse("2026-11-23T09:30:00.123Z");
    static final String TX_ID = "tx-0001";
    /** {@link #TX_TIME} in nanoseconds since 1970: the sequence of the first batch anchored here. */
    static final long TX_SEQUENCE = 1_795_426_200_123_000_000L;

    /** Fabric's end of a partial composite key range (utf8.MaxRune). */
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    final Context ctx = mock(Context.class);
    final ChaincodeStub stub = mock(ChaincodeStub.class);
    final ClientIdentity identity = mock(ClientIdentity.class);
    /** Sorted, so that a failed assertion lists the keys in order. */
    final Map<String, String> state = new TreeMap<>();

    private Instant txTime = TX_TIME;
    private int txNumber = 1;
    private final Set<String> reads = new TreeSet<>();
    private final Set<String> writes = new TreeSet<>();

    /** The keys one transaction read (point reads; a range read as {@code range[start,end)}) and wrote. */
    record ReadWriteSet(Set<String> reads, Set<String> writes) {}

    MockLedger() {
        when(ctx.getStub()).thenReturn(stub);
        when(ctx.getClientIdentity()).thenReturn(identity);
        when(stub.getTxTimestamp()).thenAnswer(call -> txTime);
        when(stub.getTxId()).thenAnswer(call -> String.format("tx-%04d", txNumber));
        when(stub.getState(anyString())).thenAnswer(call -> {
            String key = call.getArgument(0);
            reads.add(key);
            String value = state.get(key);
            // The peer answers an absent key with an empty value, not null.
            return value == null ? new byte[0] : value.getBytes(UTF_8);
        });
        doAnswer(call -> {
                    writes.add(call.getArgument(0));
                    return state.put(call.getArgument(0), new String(call.<byte[]>getArgument(1), UTF_8));
                })
                .when(stub)
                .putState(anyString(), any(byte[].class));
        doAnswer(call -> nextTransaction()).when(stub).setEvent(anyString(), any(byte[].class));
        when(stub.getStateByPartialCompositeKeyWithPagination(any(CompositeKey.class), anyInt(), any()))
                .thenAnswer(call -> page(call.getArgument(0), call.getArgument(1), call.getArgument(2)));
        callerFrom("Org1MSP", "CN=user1,OU=client,O=Org1");
    }

    /** The caller: a plain client identity of {@code mspId} with the given subject and no attributes. */
    MockLedger callerFrom(String mspId, String subject) {
        X509Certificate certificate = mock(X509Certificate.class);
        when(certificate.getSubjectX500Principal()).thenReturn(new X500Principal(subject));
        when(identity.getMSPID()).thenReturn(mspId);
        when(identity.getId()).thenReturn("x509::" + subject + "::CN=ca." + mspId);
        when(identity.getX509Certificate()).thenReturn(certificate);
        when(identity.assertAttributeValue(anyString(), anyString())).thenReturn(false);
        return this;
    }

    /** The caller additionally carries a Fabric CA attribute. */
    MockLedger withAttribute(String name, String value) {
        when(identity.assertAttributeValue(name, value)).thenReturn(true);
        return this;
    }

    /** Authorizes MSPs by writing the list directly, as an earlier AuthorizeMsp would have. */
    MockLedger authorized(String... mspIds) {
        state.put(NotaryState.authorizedMspsKey(), SortedJson.array(new TreeSet<>(List.of(mspIds))));
        return this;
    }

    /** The next transaction is proposed at this time (e.g. the same nanosecond as the last one, or a wrong clock). */
    MockLedger at(Instant time) {
        txTime = time;
        return this;
    }

    /** Ends the current transaction: the next one has the next id and a time 1 ms later. */
    Void nextTransaction() {
        txNumber++;
        txTime = txTime.plus(Duration.ofMillis(1));
        return null;
    }

    /** Runs one transaction and returns the keys it read and wrote. */
    ReadWriteSet recording(Runnable transaction) {
        reads.clear();
        writes.clear();
        transaction.run();
        return new ReadWriteSet(Set.copyOf(reads), Set.copyOf(writes));
    }

    String value(String key) {
        return state.get(key);
    }

    /** As a peer answers: from the bookmark (or the prefix) on, at most pageSize keys, and the next key to start at. */
    private QueryResultsIteratorWithMetadata<KeyValue> page(CompositeKey prefix, int pageSize, String bookmark) {
        String start = bookmark == null || bookmark.isEmpty() ? prefix.toString() : bookmark;
        String end = prefix + MAX_UNICODE_RUNE;
        reads.add("range[" + start + "," + end + ")");
        List<KeyValue> rows = new ArrayList<>();
        String next = "";
        for (Map.Entry<String, String> entry :
                ((TreeMap<String, String>) state).subMap(start, end).entrySet()) {
            if (rows.size() == pageSize) {
                next = entry.getKey();
                break;
            }
            rows.add(keyValue(entry.getKey(), entry.getValue()));
        }
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(rows.size())
                .setBookmark(next)
                .build();
        return new QueryResultsIteratorWithMetadata<>() {
            @Override
            public QueryResponseMetadata getMetadata() {
                return metadata;
            }

            @Override
            public Iterator<KeyValue> iterator() {
                return rows.iterator();
            }

            @Override
            public void close() {}
        };
    }

    private static KeyValue keyValue(String key, String value) {
        return new KeyValue() {
            @Override
            public String getKey() {
                return key;
            }

            @Override
            public byte[] getValue() {
                return value.getBytes(UTF_8);
            }

            @Override
            public String getStringValue() {
                return value;
            }
        };
    }
}
