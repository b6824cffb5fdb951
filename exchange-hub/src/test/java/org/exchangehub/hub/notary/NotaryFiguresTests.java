package org.exchangehub.hub.notary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.exchangehub.hub.TestDatabases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dashboard's anchored records per minute, summed by the database, on H2 and PostgreSQL. */
class NotaryFiguresTests {

    private static final Instant TEN = Instant.parse("2026-12-03T10:00:00Z");

    static Stream<JdbcClient> databases() {
        return Stream.of(
                JdbcClient.create(TestDatabases.h2(TestDatabases.dataDirectory(NotaryFiguresTests.class))),
                JdbcClient.create(TestDatabases.postgres()));
    }

    @Nested
    class AnchoredPerMinute {

        @ParameterizedTest
        @MethodSource("org.exchangehub.hub.notary.NotaryFiguresTests#databases")
        void sumsTheLeavesOfTheBatchesAnchoredInEachMinute(JdbcClient jdbc) {
            batch(jdbc, "b1", 100, "09:55:00", "10:00:10"); // sealed before the window, anchored in it
            batch(jdbc, "b2", 20, "10:00:20", "10:00:30");
            batch(jdbc, "b3", 7, "10:01:00", "10:02:59");
            batch(jdbc, "b4", 5, "09:58:00", "09:59:59"); // anchored before the window
            batch(jdbc, "b5", 3, "10:02:59", "10:03:00"); // anchored after it
            batch(jdbc, "b6", 9, "10:01:00", null); // sealed, not anchored

            assertThat(new NotaryFigures(jdbc).anchoredPerMinute(TEN, 3)).containsExactly(120, 0, 7);
        }
    }

    private static void batch(JdbcClient jdbc, String id, int leaves, String sealedAt, String anchoredAt) {
        // a batch is a range of log positions: this one starts after the ranges before it
        long first = jdbc.sql("SELECT COALESCE(MAX(first_position + leaf_count), 1) FROM notary_batch")
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO notary_batch (batch_id, first_position, tile_roots, merkle_root, leaf_count,"
                        + " hash_algorithm, state, sealed_at, head_signature, signature_algorithm, signer_certificate,"
                        + " anchored_at, attempts)"
                        + " VALUES (?, ?, ?, 'root', ?, 'SHA-256', ?, ?, 'sig', 'SHA256withECDSA', 'cert', ?, 0)")
                .param(id)
                .param(first)
                .param(new byte[32])
                .param(leaves)
                .param(anchoredAt == null ? "SEALED" : "ANCHORED")
                .param(at(sealedAt).atOffset(ZoneOffset.UTC))
                .param(anchoredAt == null ? null : at(anchoredAt).atOffset(ZoneOffset.UTC))
                .update();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-03T" + time + "Z");
    }
}
