package org.exchangehub.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Mockito {@link Context}, {@link ChaincodeStub} and {@link ClientIdentity} over an in-memory world state, so that a
 * test can anchor and then read, and assert the exact keys and values written.
 */
final class MockLedger {

    static final Instant TX_TIME = Instant.parse("2026-11-23T09:30:00.123Z");
    static final String TX_ID = "tx-0001";

    final Context ctx = mock(Context.class);
    final ChaincodeStub stub = mock(ChaincodeStub.class);
    final ClientIdentity identity = mock(ClientIdentity.class);
    /** Sorted, so that a failed assertion lists the keys in order. */
    final Map<String, String> state = new TreeMap<>();

    MockLedger() {
        when(ctx.getStub()).thenReturn(stub);
        when(ctx.getClientIdentity()).thenReturn(identity);
        when(stub.getTxTimestamp()).thenReturn(TX_TIME);
        when(stub.getTxId()).thenReturn(TX_ID);
        when(stub.getState(anyString())).thenAnswer(call -> {
            String value = state.get(call.<String>getArgument(0));
            // The peer answers an absent key with an empty value, not null.
            return value == null ? new byte[0] : value.getBytes(UTF_8);
        });
        doAnswer(call -> state.put(call.getArgument(0), new String(call.<byte[]>getArgument(1), UTF_8)))
                .when(stub)
                .putState(anyString(), any(byte[].class));
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

    String value(String key) {
        return state.get(key);
    }
}
