package org.exchangehub.hub.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.exchangehub.hub.TestDatabases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dashboard's per-minute counts, summed by the database, on H2 and PostgreSQL. */
class RecordFiguresTests {

    private static final Instant TEN = Instant.parse("2026-12-03T10:00:00Z");

    static Stream<JdbcClient> databases() {
        return Stream.of(
                JdbcClient.create(TestDatabases.h2(TestDatabases.dataDirectory(RecordFiguresTests.class))),
                JdbcClient.create(TestDatabases.postgres()));
    }

    @Nested
    class AcceptedPerMinute {

        @ParameterizedTest
        @MethodSource("org.exchangehub.hub.record.RecordFiguresTests#databases")
        void countsTheRecordsOfEachMinuteAndNoneOutsideTheWindow(JdbcClient jdbc) {
            for (String at :
                    new String[] {"09:59:59", "10:00:00", "10:00:59.999", "10:01:00", "10:02:30", "10:03:00", "10:07:00"
                    }) {
                accept(jdbc, Instant.parse("2026-12-03T" + at + "Z"));
            }

            long[] counts = new RecordFigures(jdbc).acceptedPerMinute(TEN, 3);

            assertThat(counts).containsExactly(2, 1, 1);
        }

        @ParameterizedTest
        @MethodSource("org.exchangehub.hub.record.RecordFiguresTests#databases")
        void isAllZeroesOnAHubWithNoRecords(JdbcClient jdbc) {
            assertThat(new RecordFigures(jdbc).acceptedPerMinute(TEN, 2)).containsExactly(0, 0);
        }
    }

    private static int counter;

    private static void accept(JdbcClient jdbc, Instant at) {
        int n = ++counter;
        jdbc.sql(
                        "INSERT INTO record_version (receipt_id, record_type, record_id, version, source_agency, payload, digest,"
                                + " hash_algorithm, revoked, accepted_at) VALUES (?, 'UNIT', ?, 1, 'housing', '{}', ?,"
                                + " 'SHA-256', FALSE, ?)")
                .param("r-" + n)
                .param("FW-" + n)
                .param("d-" + n)
                .param(at.atOffset(ZoneOffset.UTC))
                .update();
    }
}
