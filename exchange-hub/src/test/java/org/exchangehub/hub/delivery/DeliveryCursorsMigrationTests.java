package org.exchangehub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.exchangehub.hub.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V8 moves wave-1 deliveries onto cursors: the hub's migrations run to V7, wave-1 delivery and dead-letter rows are
 * written, and the migrations go on. Each receiver's cursor stands before its oldest delivery still waiting for a first
 * attempt (or after its last), dead letters and retried deliveries keep a row with their attempts, errors and
 * replays, and the old tables are gone.
 */
class DeliveryCursorsMigrationTests {

    static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC);

    abstract static class OnADatabase {

        abstract DataSource database();

        @Test
        void wave1DeliveriesMoveOntoCursorsAndFailureRows() {
            DataSource db = database();
            flyway(db, "7").migrate();
            JdbcClient jdbc = JdbcClient.create(db);
            for (int seq = 1; seq <= 6; seq++) {
                version(jdbc, seq, "HT-" + (char) ('A' + seq - 1));
            }
            // tax: 1 delivered, 2 dead, 3 delivered, 4 retrying, 5 waiting for its first attempt, 6 delivered (past 5)
            delivery(jdbc, "tax", 1, "DELIVERED", 1);
            delivery(jdbc, "tax", 2, "DEAD", 8);
            deadLetter(jdbc, "tax", 2, 0, null);
            delivery(jdbc, "tax", 3, "DELIVERED", 1);
            delivery(jdbc, "tax", 4, "PENDING", 2);
            delivery(jdbc, "tax", 5, "PENDING", 0);
            delivery(jdbc, "tax", 6, "DELIVERED", 1);
            // registry: everything delivered
            delivery(jdbc, "registry", 1, "DELIVERED", 1);
            delivery(jdbc, "registry", 2, "DELIVERED", 1);
            // housing, subscribed from seq 3 on: a dead letter replayed and delivered since
            delivery(jdbc, "housing", 3, "DELIVERED", 1);
            deadLetter(jdbc, "housing", 3, 1, AT.plusHours(1));

            flyway(db, null).migrate();

            assertThat(cursors(jdbc))
                    .containsEntry("tax", List.of(0L, 4L))
                    .containsEntry("registry", List.of(0L, 2L))
                    .containsEntry("housing", List.of(2L, 3L))
                    .hasSize(3);
            List<Map<String, Object>> failures = jdbc.sql("SELECT delivery_id, state, attempts, last_error, replays,"
                            + " position, record_id, parked_at FROM delivery_failure ORDER BY delivery_id")
                    .query()
                    .listOfRows();
            assertThat(failures).hasSize(3);
            assertThat(row(failures, "d-tax-2"))
                    .containsEntry("STATE", "DEAD")
                    .containsEntry("ATTEMPTS", 8)
                    .containsEntry("LAST_ERROR", "503 from the tax bureau")
                    .containsEntry("POSITION", 2L)
                    .containsEntry("RECORD_ID", "HT-B");
            assertThat(row(failures, "d-tax-2").get("PARKED_AT")).isNotNull();
            assertThat(row(failures, "d-tax-4"))
                    .containsEntry("STATE", "RETRYING")
                    .containsEntry("ATTEMPTS", 2);
            assertThat(row(failures, "d-tax-4").get("PARKED_AT")).isNull();
            assertThat(row(failures, "d-housing-3"))
                    .containsEntry("STATE", "DELIVERED")
                    .containsEntry("REPLAYS", 1);
            for (String dropped : List.of("delivery", "dead_letter")) {
                assertThatThrownBy(() -> jdbc.sql("SELECT COUNT(*) FROM " + dropped)
                                .query(Long.class)
                                .single())
                        .as(dropped + " is dropped")
                        .isInstanceOf(org.springframework.dao.DataAccessException.class);
            }
        }
    }

    @Nested
    class OnH2 extends OnADatabase {
        @Override
        DataSource database() {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL("jdbc:h2:file:"
                    + TestDatabases.dataDirectory(DeliveryCursorsMigrationTests.class)
                            .resolve("hub")
                            .toAbsolutePath()
                    + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
            h2.setUser("hub");
            h2.setPassword("");
            return h2;
        }
    }

    @Nested
    class OnPostgres extends OnADatabase {
        @Override
        DataSource database() {
            return TestDatabases.postgresServer().getDatabase("postgres", TestDatabases.newPostgresDatabase());
        }
    }

    static Flyway flyway(DataSource db, String target) {
        var configuration = Flyway.configure().dataSource(db).locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    static void version(JdbcClient jdbc, long seq, String contractNo) {
        jdbc.sql("INSERT INTO record_version (seq, receipt_id, record_type, record_id, version, source_agency,"
                        + " payload, digest, hash_algorithm, revoked, accepted_at)"
                        + " VALUES (?, ?, 'CONTRACT', ?, 1, 'housing', '{}', ?, 'SHA-256', FALSE, ?)")
                .params(seq, "r-" + seq, contractNo, "%064d".formatted(seq), AT)
                .update();
        jdbc.sql("INSERT INTO notary_log (position, seq, record_type, digest) VALUES (?, ?, 'CONTRACT', ?)")
                .params(seq, seq, "%064d".formatted(seq))
                .update();
    }

    static void delivery(JdbcClient jdbc, String receiver, long seq, String state, int attempts) {
        jdbc.sql(
                        "INSERT INTO delivery (delivery_id, receiver, seq, record_type, record_id, state, attempts,"
                                + " next_attempt_at, created_at, delivered_at, last_error)"
                                + " SELECT ?, ?, seq, record_type, record_id, ?, ?, ?, ?, ?, ? FROM record_version WHERE seq = ?")
                .params(
                        "d-" + receiver + "-" + seq,
                        receiver,
                        state,
                        attempts,
                        AT,
                        AT,
                        state.equals("DELIVERED") ? AT : null,
                        attempts > 0 && !state.equals("DELIVERED") ? "503 from the tax bureau" : null,
                        seq)
                .update();
    }

    static void deadLetter(JdbcClient jdbc, String receiver, long seq, int replays, OffsetDateTime replayedAt) {
        jdbc.sql("INSERT INTO dead_letter (delivery_id, receiver, attempts, error, parked_at, replayed_at, replays)"
                        + " VALUES (?, ?, 8, '503 from the tax bureau', ?, ?, ?)")
                .params("d-" + receiver + "-" + seq, receiver, AT, replayedAt, replays)
                .update();
    }

    static Map<String, List<Long>> cursors(JdbcClient jdbc) {
        Map<String, List<Long>> cursors = new java.util.TreeMap<>();
        jdbc.sql("SELECT receiver, start_position, position FROM delivery_cursor")
                .query((rs, n) -> cursors.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3))))
                .list();
        return cursors;
    }

    static Map<String, Object> row(List<Map<String, Object>> rows, String deliveryId) {
        return rows.stream()
                .filter(r -> deliveryId.equals(value(r, "DELIVERY_ID")))
                .findFirst()
                .map(DeliveryCursorsMigrationTests::upperCased)
                .orElseThrow(() -> new AssertionError("no failure row " + deliveryId + " in " + rows));
    }

    /** Column names as H2 gives them (PostgreSQL gives them in lower case). */
    private static Map<String, Object> upperCased(Map<String, Object> row) {
        Map<String, Object> upper = new java.util.HashMap<>();
        row.forEach((k, v) -> upper.put(
                k.toUpperCase(java.util.Locale.ROOT),
                v instanceof Number n && !(v instanceof Long) ? (Object) n.intValue() : v));
        return upper;
    }

    private static Object value(Map<String, Object> row, String column) {
        return upperCased(row).get(column);
    }
}
