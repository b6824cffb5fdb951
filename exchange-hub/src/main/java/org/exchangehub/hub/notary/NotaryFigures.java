package org.exchangehub.hub.notary;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Figures over the notary's batches for the operators' dashboard, summed by the database (portable SQL, H2 and
 * PostgreSQL), so that the web package reads no table of the notary's.
 */
@Component
public class NotaryFigures {

    /** A batch is anchored after it is sealed: those sealed this long before the window may be anchored within it. */
    private static final Duration SEALED_BEFORE_WINDOW = Duration.ofMinutes(10);

    private final JdbcClient jdbc;

    public NotaryFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records whose batch was anchored in each minute from {@code from} (a minute's start), {@code minutes} minutes
     * long, oldest first.
     */
    public long[] anchoredPerMinute(Instant from, int minutes) {
        long[] counts = new long[minutes];
        long firstMinute = Math.floorDiv(from.getEpochSecond(), 60);
        Instant to = from.plusSeconds(60L * minutes);
        jdbc.sql(
                        "SELECT minute_no, SUM(leaf_count) FROM (SELECT FLOOR(EXTRACT(EPOCH FROM anchored_at) / 60) AS minute_no,"
                                + " leaf_count FROM notary_batch WHERE state = 'ANCHORED' AND sealed_at >= ?"
                                + " AND anchored_at >= ? AND anchored_at < ?) anchored GROUP BY minute_no")
                .param(from.minus(SEALED_BEFORE_WINDOW).atOffset(ZoneOffset.UTC))
                .param(from.atOffset(ZoneOffset.UTC))
                .param(to.atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    long bucket = rs.getLong(1) - firstMinute;
                    if (bucket >= 0 && bucket < minutes) {
                        counts[(int) bucket] += rs.getLong(2);
                    }
                });
        return counts;
    }
}
