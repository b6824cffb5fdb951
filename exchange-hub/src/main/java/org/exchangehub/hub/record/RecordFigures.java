package org.exchangehub.hub.record;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Figures over the record versions the hub accepted, for the operators' dashboard, counted by the database: a figure
 * costs a few indexed reads and one aggregate, whatever the number of records (nothing is read into memory row by row).
 * Portable SQL (H2 and PostgreSQL).
 */
@Component
public class RecordFigures {

    private final JdbcClient jdbc;

    public RecordFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records accepted in each minute from {@code from} (a minute's start), {@code minutes} minutes long, oldest first.
     */
    public long[] acceptedPerMinute(Instant from, int minutes) {
        long[] counts = new long[minutes];
        long firstMinute = Math.floorDiv(from.getEpochSecond(), 60);
        Instant to = from.plusSeconds(60L * minutes);
        jdbc.sql("SELECT minute_no, COUNT(*) FROM (SELECT FLOOR(EXTRACT(EPOCH FROM accepted_at) / 60) AS minute_no"
                        + " FROM record_version WHERE seq >= ? AND accepted_at >= ? AND accepted_at < ?) accepted"
                        + " GROUP BY minute_no")
                .param(firstSeqAcceptedSince(from))
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

    /**
     * The first sequence number accepted at or after {@code since}: a binary search over the primary key, since records
     * are numbered in the order they are accepted (closely enough for a chart when several instances write), so that
     * the count reads only the last hour's rows and not every row's timestamp ({@code accepted_at} has no index).
     */
    long firstSeqAcceptedSince(Instant since) {
        // MIN and MAX of no rows are one row of NULLs: a hub with no records yet has nothing to search
        long[] range = jdbc.sql("SELECT MIN(seq), MAX(seq) FROM record_version")
                .query((rs, n) -> {
                    long min = rs.getLong(1);
                    return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
                })
                .list()
                .get(0);
        if (range == null) {
            return 1;
        }
        long low = range[0];
        long high = range[1] + 1;
        OffsetDateTime bound = since.atOffset(ZoneOffset.UTC);
        while (low < high) {
            long middle = low + (high - low) / 2;
            Object[] row = jdbc.sql("SELECT seq, accepted_at FROM record_version WHERE seq >= ? ORDER BY seq"
                            + " FETCH FIRST 1 ROWS ONLY")
                    .param(middle)
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class)})
                    .optional()
                    .orElse(null);
            if (row == null) {
                high = middle;
            } else if (((OffsetDateTime) row[1]).isBefore(bound)) {
                low = (Long) row[0] + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
