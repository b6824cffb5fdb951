package org.exchangehub.hub.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deliveries and dead letters. Claims use {@code FOR UPDATE SKIP LOCKED} and a lease (the claim moves {@code
 * next_attempt_at} forward), so hub instances share the work and a delivery claimed by a crashed instance is due again
 * when its lease runs out.
 */
@Repository
public class DeliveryStore {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String DEAD = "DEAD";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    DeliveryStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A delivery as the dispatcher and the operator see it. */
    public record Delivery(
            String deliveryId,
            String receiver,
            long seq,
            String recordType,
            String recordId,
            String state,
            int attempts,
            Instant nextAttemptAt,
            Instant createdAt,
            Instant deliveredAt,
            String lastError) {}

    /** A parked delivery. */
    public record DeadLetter(
            String deliveryId,
            String receiver,
            String recordType,
            String recordId,
            long seq,
            int attempts,
            String error,
            Instant parkedAt,
            Instant replayedAt,
            int replays,
            String state) {}

    /** Per receiver: how many deliveries are delivered, waiting (first try or retry) and dead. */
    public record ReceiverCounts(String receiver, long delivered, long pending, long retrying, long dead) {}

    /** A record version of an anchored batch: what a delivery row names. */
    record AnchoredRecord(long seq, String recordType, String recordId) {}

    /** Queues a delivery to {@code receiver} of each of {@code records}, in one JDBC batch; returns how many. */
    int enqueue(String receiver, List<AnchoredRecord> records, Instant now) {
        if (records.isEmpty()) {
            return 0;
        }
        OffsetDateTime at = utc(now);
        int[][] counts = template.batchUpdate(
                "INSERT INTO delivery (delivery_id, receiver, seq, record_type, record_id, state, attempts,"
                        + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                records,
                1000,
                (ps, r) -> {
                    ps.setString(1, "d-" + receiver + "-" + r.seq());
                    ps.setString(2, receiver);
                    ps.setLong(3, r.seq());
                    ps.setString(4, r.recordType());
                    ps.setString(5, r.recordId());
                    ps.setObject(6, at);
                    ps.setObject(7, at);
                });
        return java.util.Arrays.stream(counts).mapToInt(c -> c.length).sum();
    }

    /**
     * Claims up to {@code limit} due deliveries to {@code receiver}, oldest record first, skipping any whose record has
     * an older delivery to the same receiver still waiting (so versions of one record arrive in order), and leases
     * them until {@code leaseUntil}.
     */
    List<Delivery> claimDue(String receiver, int limit, Instant now, Instant leaseUntil) {
        List<Delivery> due = jdbc.sql("SELECT * FROM delivery d WHERE d.receiver = ? AND d.state = 'PENDING'"
                        + " AND d.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM delivery e"
                        + " WHERE e.receiver = d.receiver AND e.record_type = d.record_type"
                        + " AND e.record_id = d.record_id AND e.seq < d.seq AND e.state = 'PENDING')"
                        + " ORDER BY d.seq FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED")
                .params(receiver, utc(now))
                .query(DeliveryStore::delivery)
                .list();
        for (Delivery d : due) {
            jdbc.sql("UPDATE delivery SET next_attempt_at = ? WHERE delivery_id = ?")
                    .params(utc(leaseUntil), d.deliveryId())
                    .update();
        }
        return due;
    }

    void markDelivered(String deliveryId, Instant now) {
        jdbc.sql("UPDATE delivery SET state = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,"
                        + " last_error = NULL WHERE delivery_id = ? AND state = 'PENDING'")
                .params(utc(now), deliveryId)
                .update();
    }

    void markRetry(String deliveryId, String error, Instant nextAttemptAt) {
        jdbc.sql("UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                        + " WHERE delivery_id = ? AND state = 'PENDING'")
                .params(utc(nextAttemptAt), trimmed(error), deliveryId)
                .update();
    }

    /** Marks the delivery DEAD and parks it (or parks it again after a replay). */
    void park(Delivery delivery, String error, Instant now) {
        int attempts = delivery.attempts() + 1;
        jdbc.sql("UPDATE delivery SET state = 'DEAD', attempts = ?, last_error = ? WHERE delivery_id = ?")
                .params(attempts, trimmed(error), delivery.deliveryId())
                .update();
        int updated = jdbc.sql("UPDATE dead_letter SET attempts = ?, error = ?, parked_at = ? WHERE delivery_id = ?")
                .params(attempts, trimmed(error), utc(now), delivery.deliveryId())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO dead_letter (delivery_id, receiver, attempts, error, parked_at, replays)"
                            + " VALUES (?, ?, ?, ?, ?, 0)")
                    .params(delivery.deliveryId(), delivery.receiver(), attempts, trimmed(error), utc(now))
                    .update();
        }
    }

    private static final String DEAD_LETTER_COLUMNS = "x.delivery_id, x.receiver, d.record_type, d.record_id, d.seq,"
            + " x.attempts, x.error, x.parked_at, x.replayed_at, x.replays, d.state";

    /** Dead letters, newest first; of one receiver when {@code receiver} is given. */
    public List<DeadLetter> deadLetters(Optional<String> receiver, int limit) {
        return jdbc.sql("SELECT " + DEAD_LETTER_COLUMNS
                        + " FROM dead_letter x JOIN delivery d ON d.delivery_id = x.delivery_id"
                        + " WHERE d.state = 'DEAD' AND (CAST(? AS VARCHAR(64)) IS NULL OR x.receiver = ?)"
                        + " ORDER BY x.parked_at DESC, x.delivery_id FETCH FIRST " + limit + " ROWS ONLY")
                .params(receiver.orElse(null), receiver.orElse(null))
                .query(DeliveryStore::deadLetter)
                .list();
    }

    public Optional<DeadLetter> deadLetter(String deliveryId) {
        return jdbc.sql("SELECT " + DEAD_LETTER_COLUMNS
                        + " FROM dead_letter x JOIN delivery d ON d.delivery_id = x.delivery_id"
                        + " WHERE x.delivery_id = ?")
                .param(deliveryId)
                .query(DeliveryStore::deadLetter)
                .optional();
    }

    public Optional<Delivery> delivery(String deliveryId) {
        return jdbc.sql("SELECT * FROM delivery WHERE delivery_id = ?")
                .param(deliveryId)
                .query(DeliveryStore::delivery)
                .optional();
    }

    /** Puts a dead delivery back in the queue with fresh attempts; false when it is not dead. */
    boolean replay(String deliveryId, Instant now) {
        int updated = jdbc.sql("UPDATE delivery SET state = 'PENDING', attempts = 0, next_attempt_at = ?"
                        + " WHERE delivery_id = ? AND state = 'DEAD'")
                .params(utc(now), deliveryId)
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("UPDATE dead_letter SET replayed_at = ?, replays = replays + 1 WHERE delivery_id = ?")
                .params(utc(now), deliveryId)
                .update();
        return true;
    }

    /** The ids of a receiver's dead deliveries, oldest record first. */
    List<String> deadIds(String receiver) {
        return jdbc.sql("SELECT delivery_id FROM delivery WHERE receiver = ? AND state = 'DEAD' ORDER BY seq")
                .param(receiver)
                .query(String.class)
                .list();
    }

    /** Counts per receiver, for the operator. */
    public List<ReceiverCounts> counts() {
        return jdbc.sql("SELECT receiver,"
                        + " SUM(CASE WHEN state = 'DELIVERED' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN state = 'PENDING' AND attempts = 0 THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN state = 'PENDING' AND attempts > 0 THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN state = 'DEAD' THEN 1 ELSE 0 END)"
                        + " FROM delivery GROUP BY receiver ORDER BY receiver")
                .query((rs, n) ->
                        new ReceiverCounts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        return new Delivery(
                rs.getString("delivery_id"),
                rs.getString("receiver"),
                rs.getLong("seq"),
                rs.getString("record_type"),
                rs.getString("record_id"),
                rs.getString("state"),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                instant(rs, "created_at"),
                instant(rs, "delivered_at"),
                rs.getString("last_error"));
    }

    private static DeadLetter deadLetter(ResultSet rs, int n) throws SQLException {
        return new DeadLetter(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getInt(6),
                rs.getString(7),
                instant(rs, 8),
                instant(rs, 9),
                rs.getInt(10),
                rs.getString(11));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String trimmed(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
