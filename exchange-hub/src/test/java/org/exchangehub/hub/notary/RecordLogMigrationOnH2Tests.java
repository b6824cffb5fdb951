package org.exchangehub.hub.notary;

import javax.sql.DataSource;
import org.exchangehub.hub.TestDatabases;
import org.h2.jdbcx.JdbcDataSource;

class RecordLogMigrationOnH2Tests extends RecordLogMigrationTests {

    @Override
    DataSource emptyDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        // as TestDatabases opens H2 (kept open between connections), but not migrated
        h2.setURL("jdbc:h2:file:"
                + TestDatabases.dataDirectory(RecordLogMigrationOnH2Tests.class).resolve("hub")
                + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
        h2.setUser("hub");
        h2.setPassword("");
        return h2;
    }
}
