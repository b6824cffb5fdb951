package org.exchangehub.hub.ledger.embedded;

import javax.sql.DataSource;
import org.exchangehub.hub.TestDatabases;

class EmbeddedLedgerGatewayOnPostgresTests extends EmbeddedLedgerGatewayTests {

    @Override
    DataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
