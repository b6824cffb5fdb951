package org.exchangehub.hub.ledger.embedded;

import javax.sql.DataSource;
import org.exchangehub.hub.TestDatabases;

class EmbeddedLedgerGatewayOnPostgresTests extends EmbeddedLedgerGatewayTests {

    @Override
    DataSource newDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    void restartDatabase() {
        // one PostgreSQL server serves every test of the JVM and outlives a hub's restart; the gateway is what starts
        // again, on what the server committed
    }
}
