package org.exchangehub.adapters.inbound;

import org.exchangehub.adapters.hub.PublishResult;

/** Where the outcome of one native record is written back: its exchange table row, or its file's rejection list. */
interface RecordOutcome {

    void published(NativeRecord record, PublishResult result);

    /** Refused by the hub or unmappable: final for this record, with the reason as code and message. */
    void rejected(NativeRecord record, String reason);

    /** Its idempotency key is in the repository: it completed before, so it is not published again. */
    void alreadyProcessed(NativeRecord record);
}
