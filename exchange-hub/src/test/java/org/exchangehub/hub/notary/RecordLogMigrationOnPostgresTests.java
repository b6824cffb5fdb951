package org.exchangehub.hub.notary;

import javax.sql.DataSource;
import org.exchangehub.hub.TestDatabases;

class RecordLogMigrationOnPostgresTests extends RecordLogMigrationTests {

    @Override
    DataSource emptyDatabase() {
        return TestDatabases.postgresServer().getDatabase("postgres", TestDatabases.newPostgresDatabase());
    }
}
