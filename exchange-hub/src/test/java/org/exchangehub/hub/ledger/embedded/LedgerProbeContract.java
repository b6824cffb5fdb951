package org.exchangehub.hub.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/** A small contract that exercises each ledger operation, to prove the embedded ledger's Fabric semantics. */
@Contract(name = "probe")
public final class LedgerProbeContract implements ContractInterface {

    /**
     * Runs between the read and the write of {@code ReadThenPut} and {@code RangeThenPut}, i.e. after a transaction
     * was executed against committed state and before the ledger validates and commits it; tests use it to let other
     * transactions commit in between. Null: nothing.
     */
    static volatile Runnable afterRead;

    /** Reads one key, then writes another (or the same): what an MVCC check must look at. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void ReadThenPut(Context ctx, String readKey, String writeKey, String value) {
        ctx.getStub().getStringState(readKey);
        pause();
        ctx.getStub().putStringState(writeKey, value);
    }

    /** Reads a key range, then writes a key: a phantom in the range must fail it. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void RangeThenPut(Context ctx, String startKey, String endKey, String writeKey) {
        for (KeyValue ignored : ctx.getStub().getStateByRange(startKey, endKey)) {
            // reading is the point
        }
        pause();
        ctx.getStub().putStringState(writeKey, "ranged");
    }

    private static void pause() {
        Runnable hook = afterRead;
        if (hook != null) {
            hook.run();
        }
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Put(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        return ctx.getStub().getTxId();
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void PutComposite(Context ctx, String type, String attribute, String value) {
        ctx.getStub()
                .putStringState(
                        ctx.getStub().createCompositeKey(type, attribute).toString(), value);
    }

    /** Writes, then reads the same key: Fabric reads committed state, so this returns the old value. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String PutThenGet(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        return ctx.getStub().getStringState(key);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void Delete(Context ctx, String key) {
        ctx.getStub().delState(key);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void PutAndFail(Context ctx, String key, String code) {
        ctx.getStub().putStringState(key, "should never be committed");
        throw new ChaincodeException("refused on purpose for " + key, code);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void Emit(Context ctx, String name, String payload) {
        ctx.getStub().setEvent(name, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String key) {
        return ctx.getStub().getStringState(key);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Range(Context ctx, String startKey, String endKey) {
        List<String> keys = new ArrayList<>();
        for (KeyValue kv : ctx.getStub().getStateByRange(startKey, endKey)) {
            keys.add(kv.getKey() + "=" + kv.getStringValue());
        }
        return String.join(",", keys);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Composite(Context ctx, String type) {
        List<String> values = new ArrayList<>();
        for (KeyValue kv : ctx.getStub().getStateByPartialCompositeKey(type)) {
            values.add(
                    ctx.getStub().splitCompositeKey(kv.getKey()).getAttributes().get(0) + "=" + kv.getStringValue());
        }
        return String.join(",", values);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String History(Context ctx, String key) {
        List<String> versions = new ArrayList<>();
        for (KeyModification m : ctx.getStub().getHistoryForKey(key)) {
            versions.add(m.isDeleted() ? "<deleted>" : m.getStringValue());
        }
        return String.join(",", versions);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Creator(Context ctx) throws Exception {
        return ctx.getClientIdentity().getMSPID() + " "
                + ctx.getClientIdentity()
                        .getX509Certificate()
                        .getSubjectX500Principal()
                        .getName();
    }
}
