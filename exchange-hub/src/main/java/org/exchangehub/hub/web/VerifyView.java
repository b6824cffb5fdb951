package org.exchangehub.hub.web;

import java.util.List;
import java.util.Locale;
import org.exchangehub.hub.verify.Verification;

/**
 * What the verify page shows for one verification: the verdict, the checks behind it in the visitor's language, the
 * verifier's own reasons word for word, the Merkle path, the ledger coordinates, and the files for checking it offline.
 *
 * @param verdict GENUINE, TAMPERED, UNKNOWN, SUPERSEDED, REVOKED or PENDING
 * @param verification what {@code RecordVerifier} answered; null when there was nothing to verify (an unknown receipt
 *     id)
 * @param checks the checks in plain words (message keys with their values)
 * @param path the audit path from leaf to root, null when there is none (PENDING, UNKNOWN) or it cannot be climbed
 * @param downloads the record, receipt and bundle to verify offline
 * @param receiptId the receipt id the verification was about, when known (for the printable receipt link)
 * @param offlineCommand the command that checks the same files without this page
 */
record VerifyView(
        String verdict,
        Verification verification,
        List<Line> checks,
        MerklePath path,
        Downloads downloads,
        String receiptId,
        String offlineCommand) {

    /** The CSS class of the verdict banner. */
    public String verdictClass() {
        return "verdict-" + verdict.toLowerCase(Locale.ROOT);
    }

    /** The verifier's reasons, as it gave them (English, with the values it compared). */
    public List<String> reasons() {
        return verification == null ? List.of() : verification.reasons();
    }

    /**
     * One check in plain words: a message key with its values, and whether it passed (null: only information).
     *
     * @param key the message key, {@code check.*}
     */
    record Line(String key, List<Object> args, Boolean ok) {

        static Line passed(String key, Object... args) {
            return new Line(key, List.of(args), Boolean.TRUE);
        }

        static Line failed(String key, Object... args) {
            return new Line(key, List.of(args), Boolean.FALSE);
        }

        static Line info(String key, Object... args) {
            return new Line(key, List.of(args), null);
        }

        /** The values, for {@code #messages.msgWithParams}. */
        public Object[] params() {
            return args.toArray();
        }

        /** pass, fail or info: the CSS class and the mark shown next to the line. */
        public String state() {
            return ok == null ? "info" : ok ? "pass" : "fail";
        }
    }

    /**
     * Where to get the files: links to this hub, or {@code data:} URLs of what the visitor gave.
     *
     * @param record the record file ({@code r.json}); null when withheld because it holds personal data
     * @param receipt the receipt file ({@code rc.json}); null when there is none
     * @param bundle {@code {"record", "receipt"}} in one file
     * @param recordWithheld the record exists but is not offered: it holds data that is not public
     */
    record Downloads(String record, String receipt, String bundle, boolean recordWithheld) {}
}
