package org.exchangehub.hub.record;

import javax.sql.DataSource;
import org.exchangehub.hub.TestDatabases;

class RecordPublisherOnPostgresTests extends RecordPublisherTests {

    private static DataSource postgres;

    @Override
    DataSource database() {
        synchronized (RecordPublisherOnPostgresTests.class) {
            if (postgres == null) {
                postgres = TestDatabases.postgres();
            }
            return postgres;
        }
    }
}
