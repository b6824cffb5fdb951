package org.exchangehub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.exchangehub.hub.TestDatabases;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** V9 (audit_pending) on a database whose entries were chained the old way, under the head lock at each call. */
class AuditPendingMigrationTests {

    @TempDir
    Path dir;

    @Test
    void entriesChainedBeforeV9KeepTheirSeqsAndHashesAndTheChainContinuesFromTheirHead() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("hub").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("hub");
        h2.setPassword("");
        try {
            migrate(h2, "8");
            JdbcClient jdbc = JdbcClient.create(h2);
            Instant time = Instant.parse("2026-11-23T13:27:37.123Z");
            AuditEntry first =
                    AuditEntry.chained(1, time, AuditChainInstancesTests.read("housing", "AM-1"), AuditEntry.GENESIS);
            AuditEntry second =
                    AuditEntry.chained(2, time, AuditChainInstancesTests.read("tax", "AM-2"), first.entryHash());
            for (AuditEntry entry : new AuditEntry[] {first, second}) {
                AuditEvent event = entry.event();
                jdbc.sql("INSERT INTO audit_entry (seq, recorded_at, actor_kind, actor, operation, request,"
                                + " record_type, record_id, record_version, status, code, previous_hash, entry_hash)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                entry.seq(),
                                OffsetDateTime.ofInstant(entry.time(), ZoneOffset.UTC),
                                event.actorKind().name(),
                                event.actor(),
                                event.operation().name(),
                                event.request(),
                                event.recordType(),
                                event.recordId(),
                                event.recordVersion(),
                                event.status(),
                                event.code(),
                                entry.previousHash(),
                                entry.entryHash())
                        .update();
            }
            jdbc.sql("UPDATE audit_head SET seq = 2, head_hash = ? WHERE id = 1")
                    .param(second.entryHash())
                    .update();

            migrate(h2, "latest");
            AuditLog log = new AuditLog(jdbc, new DataSourceTransactionManager(h2), Clock.systemUTC());
            log.append(AuditChainInstancesTests.read("housing", "AM-3"));
            assertThat(log.chainPending(10)).isEqualTo(1);

            assertThat(log.entry(1)).contains(first);
            assertThat(log.entry(2)).contains(second);
            assertThat(log.entry(3)).hasValueSatisfying(third -> {
                assertThat(third.previousHash()).isEqualTo(second.entryHash());
                assertThat(third.event().recordId()).isEqualTo("AM-3");
            });
            // no anchors here, so the ledger is not consulted
            AuditCheckResult result = new AuditChainCheck(jdbc, null).check();
            assertThat(result.intact()).as("%s", result).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(3);
        } finally {
            TestDatabases.closeH2(h2);
        }
    }

    static void migrate(JdbcDataSource db, String target) {
        Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration")
                .target(target)
                .load()
                .migrate();
    }
}
