package org.exchangehub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.exchangehub.hub.TestDatabases;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hub's compaction of its H2 store: what H2 does not do itself with {@code WRITE_DELAY=0}. */
class H2StoreCompactionTests {

    @Nested
    class Compact {

        @Test
        void shrinksAFileOfDeadChunksAndKeepsEveryRow() throws Exception {
            Path dir = TestDatabases.dataDirectory(H2StoreCompactionTests.class);
            JdbcDataSource h2 = new JdbcDataSource();
            // as the hub's URL, but chunks may be reused at once (RETENTION_TIME=0), so the test need not wait 45 s
            h2.setURL("jdbc:h2:file:" + dir.resolve("hub") + ";WRITE_DELAY=0;RETENTION_TIME=0;DB_CLOSE_DELAY=-1");
            h2.setUser("hub");
            h2.setPassword("");
            JdbcClient jdbc = JdbcClient.create(h2);
            jdbc.sql("CREATE TABLE row_kept (id INT PRIMARY KEY, body VARCHAR(2000))")
                    .update();
            for (int i = 0; i < 2_000; i++) {
                jdbc.sql("INSERT INTO row_kept VALUES (?, ?)")
                        .params(i, "x".repeat(500))
                        .update();
            }
            for (int round = 0; round < 5; round++) { // each commit leaves the pages it changed dead in older chunks
                for (int i = 0; i < 2_000; i += 7) {
                    jdbc.sql("UPDATE row_kept SET body = ? WHERE id = ?")
                            .params(Integer.toString(round).repeat(500), i)
                            .update();
                }
            }
            long before = Files.size(dir.resolve("hub.mv.db"));

            int steps = new H2StoreCompaction(h2, Duration.ofSeconds(10)).compact();

            long after = Files.size(dir.resolve("hub.mv.db"));
            assertThat(steps).isPositive();
            assertThat(after).as("file size after compaction").isLessThan(before / 2);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM row_kept")
                            .query(Long.class)
                            .single())
                    .isEqualTo(2_000);
            assertThat(jdbc.sql("SELECT body FROM row_kept WHERE id = 7")
                            .query(String.class)
                            .single())
                    .isEqualTo("4".repeat(500));
            jdbc.sql("SHUTDOWN").update();
        }

        @Test
        void doesNothingOnPostgres() {
            assertThat(new H2StoreCompaction(TestDatabases.postgres(), Duration.ofSeconds(10)).compact())
                    .isZero();
        }
    }
}
