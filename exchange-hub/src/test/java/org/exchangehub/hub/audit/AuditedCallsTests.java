package org.exchangehub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which operation an API call is audited as, by method and path. */
class AuditedCallsTests {

    @ParameterizedTest
    @CsvSource({
        "POST, /api/v1/records, PUBLISH",
        "POST, /api/v1/records/batch, PUBLISH",
        "GET, /api/v1/records/UNIT/FW-1, READ_RECORD",
        "GET, /api/v1/records/UNIT/FW-1/versions/2, READ_RECORD",
        "GET, /api/v1/receipts/r-1, READ_RECEIPT",
        "GET, /api/v1/feed/CONTRACT, READ_FEED",
        "POST, /api/v1/verify, VERIFY",
        "GET, /api/v1/portal/projects, PORTAL_QUERY",
        "GET, /api/v1/portal/verify/r-1, VERIFY",
        "POST, /api/v1/portal/verify, VERIFY",
        "GET, /api/v1/deliveries, DELIVERY_STATUS",
        "GET, /api/v1/dead-letters/d-1, DEAD_LETTER_LIST",
        "POST, /api/v1/dead-letters/d-1/replay, DEAD_LETTER_REPLAY",
        "POST, /api/v1/dead-letters/replay, DEAD_LETTER_REPLAY",
        "GET, /api/v1/ledger/check, LEDGER_CHECK",
        "POST, /api/v1/ledger/check, OTHER",
        "DELETE, /api/v1/records/UNIT/FW-1, OTHER",
        "GET, /api/v1/nothing, OTHER",
        "GET, /api/v1/, OTHER"
    })
    void namesTheOperationByMethodAndPath(String method, String path, AuditOperation operation) {
        assertThat(AuditedCalls.operation(method, path)).isEqualTo(operation);
    }
}
