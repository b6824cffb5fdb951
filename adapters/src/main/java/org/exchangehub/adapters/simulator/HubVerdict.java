package org.exchangehub.adapters.simulator;

import java.util.List;

/**
 * What the hub's verify API said about a record: {@code GENUINE}, {@code TAMPERED}, {@code UNKNOWN}, {@code
 * SUPERSEDED}, {@code REVOKED} or {@code PENDING}, and why.
 */
record HubVerdict(String verdict, List<String> reasons) {

    static final String GENUINE = "GENUINE";
    static final String REVOKED = "REVOKED";

    boolean genuine() {
        return GENUINE.equals(verdict);
    }

    /** e.g. {@code TAMPERED (digest differs from the anchored one)}. */
    String describe() {
        return reasons.isEmpty() ? verdict : verdict + " (" + String.join("; ", reasons) + ")";
    }
}
