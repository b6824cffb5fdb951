package org.exchangehub.hub.record;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.exchangehub.hub.TestDatabases;

class RecordPublisherOnH2Tests extends RecordPublisherTests {

    private static DataSource h2;
    /**
     * Held open for the test JVM: without a pool, H2 closes the file database whenever its last connection closes and
     * reopens it on the next, and a test once read a database that lacked a batch committed just before.
     */
    private static Connection keepOpen;

    @Override
    DataSource database() {
        synchronized (RecordPublisherOnH2Tests.class) {
            if (h2 == null) {
                h2 = TestDatabases.h2(TestDatabases.dataDirectory(RecordPublisherOnH2Tests.class));
                try {
                    keepOpen = h2.getConnection();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return h2;
        }
    }
}
