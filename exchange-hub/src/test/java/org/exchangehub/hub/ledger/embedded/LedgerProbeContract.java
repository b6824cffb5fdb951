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
