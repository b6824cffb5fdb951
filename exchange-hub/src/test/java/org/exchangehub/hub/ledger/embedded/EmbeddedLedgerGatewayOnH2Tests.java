package org.exchangehub.hub.ledger.embedded;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.exchangehub.hub.TestDatabases;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerGatewayOnH2Tests extends EmbeddedLedgerGatewayTests {

    @TempDir
    Path dir;

    @Override
    DataSource newDatabase() {
        return TestDatabases.h2(dir);
    }

    @Override
    void restartDatabase() {
        TestDatabases.closeH2(dataSource);
    }
}
