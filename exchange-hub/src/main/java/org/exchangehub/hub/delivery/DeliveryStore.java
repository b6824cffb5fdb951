package org.exchangehub.hub.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import org.exchangehub.hub.notary.NotaryStore;
import org.exchangehub.hub.notary.RecordLog;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deliveries as cursors over the record log: per push receiver a cursor ({@code delivery_cursor}: the last log
 * position handed to it, and a lease with a fence), and a row only for a delivery that failed ({@code
 * delivery_failure}: retrying, waiting behind an older version of its record, dead, or delivered since). A delivery's
 * state is derived: a failure row says it; otherwise a record of the receiver's types behind the cursor was delivered
 * (on its first attempt), one ahead of it up to the anchored prefix is pending.
 *
 * <p>Fenced (ADR 13): a round's every change (moving the cursor, writing or changing a failure row) is a conditional
 * update that checks the round's lease (holder and fence) and, for a failure row, runs in one transaction with an
 * extension of that lease, so a round that has lost its lease changes nothing. A DELIVERED row stays DELIVERED: no
 * update matches it, and the table's check constraint refuses it.
 *
 * <p>The API answers keep their wave-1 shapes: a failure row that is RETRYING or WAITING reads as PENDING.
 */
@Repository
public class DeliveryStore {

    static final String WAITING = "WAITING";
    static final String RETRYING = "RETRYING";
    static final String DEAD = "DEAD";
    static final String DELIVERED = "DELIVERED";
    static final String PENDING = "PENDING";

    private final JdbcClient jdbc;
    private final RecordLog log;
    private final RecordStore records;
    private final DeliveryProperties properties;
    private final TransactionTemplate transactions;

    DeliveryStore(
            JdbcClient jdbc,
            RecordLog log,
            RecordStore records,
            DeliveryProperties properties,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.log = log;
        this.records = records;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
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

    /** A receiver's cursor. */
    record Cursor(String receiver, long startPosition, long position) {}

    /**
     * A dispatcher round's hold on a receiver's cursor: {@code fence} is the fencing token, one more on every take.
     * {@code takenFrom} is the holder whose expired lease this one replaced (null when the lease was free).
     */
    record Lease(String receiver, String holder, long fence, long position, String takenFrom) {}

    /** What a fenced change did. */
    enum Change {
        /** done, and the lease extended */
        DONE,
        /** the lease is no longer the round's (another round took it over): nothing changed */
        LEASE_LOST,
        /** the lease is the round's but the row is not RETRYING or WAITING (e.g. already DELIVERED): nothing changed */
        NOT_OPEN
    }

    /** A failure row, as the dispatcher retries it. */
    record Failure(
            String deliveryId,
            String receiver,
            long seq,
            long position,
            String recordType,
            String recordId,
            String state,
            int attempts) {}

    static String deliveryId(String receiver, long seq) {
        return "d-" + receiver + "-" + seq;
    }

    // ---- cursors

    /**
     * Gives a receiver its cursor at {@code position} unless it has one; true when this call made it. Two instances
     * starting at once may both try: the loser's insert meets the primary key and changes nothing (so this runs outside
     * any transaction: on PostgreSQL the failed insert would spoil it).
     */
    boolean createCursor(String receiver, long position) {
        if (cursor(receiver).isPresent()) {
            return false;
        }
        try {
            return jdbc.sql(
                                    "INSERT INTO delivery_cursor (receiver, start_position, position, fence) VALUES (?, ?, ?, 0)")
                            .params(receiver, position, position)
                            .update()
                    == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Cursor> cursor(String receiver) {
        return jdbc.sql("SELECT receiver, start_position, position FROM delivery_cursor WHERE receiver = ?")
                .param(receiver)
                .query((rs, n) -> new Cursor(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .optional();
    }

    /**
     * Takes the lease of a receiver's cursor until {@code until} when it is free or expired, bumping its fence: one
     * conditional update, so of dispatchers racing for it exactly one wins.
     */
    Optional<Lease> lease(String receiver, String holder, Instant now, Instant until) {
        // read first only to say in the log whose expired lease is taken over; the update below decides
        String expired = jdbc.sql("SELECT holder FROM delivery_cursor WHERE receiver = ? AND lease_until < ?")
                .params(receiver, utc(now))
                .query(String.class)
                .optional()
                .orElse(null);
        int taken = jdbc.sql("UPDATE delivery_cursor SET holder = ?, lease_until = ?, fence = fence + 1"
                        + " WHERE receiver = ? AND (holder IS NULL OR lease_until < ?)")
                .params(holder, utc(until), receiver, utc(now))
                .update();
        if (taken == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT fence, position FROM delivery_cursor WHERE receiver = ? AND holder = ?")
                .params(receiver, holder)
                .query((rs, n) -> new Lease(receiver, holder, rs.getLong(1), rs.getLong(2), expired))
                .optional();
    }

    /**
     * Moves the cursor to {@code position} and extends the lease, only while the lease is still this round's (same
     * holder, same fence): false when another round has taken it since, and then nothing changed.
     */
    boolean advance(Lease lease, long position, Instant leaseUntil) {
        return jdbc.sql("UPDATE delivery_cursor SET position = ?, lease_until = ? WHERE receiver = ? AND holder = ?"
                                + " AND fence = ? AND position < ?")
                        .params(position, utc(leaseUntil), lease.receiver(), lease.holder(), lease.fence(), position)
                        .update()
                == 1;
    }

    /** Extends the lease while it is still this round's; false when it is not. */
    boolean holds(Lease lease, Instant leaseUntil) {
        return jdbc.sql("UPDATE delivery_cursor SET lease_until = ? WHERE receiver = ? AND holder = ? AND fence = ?")
                        .params(utc(leaseUntil), lease.receiver(), lease.holder(), lease.fence())
                        .update()
                == 1;
    }

    void release(Lease lease) {
        jdbc.sql("UPDATE delivery_cursor SET holder = NULL, lease_until = NULL WHERE receiver = ? AND holder = ?"
                        + " AND fence = ?")
                .params(lease.receiver(), lease.holder(), lease.fence())
                .update();
    }

    // ---- failure rows

    /**
     * Records a delivery that failed (RETRYING or, with one attempt allowed, DEAD) or waits (WAITING), and moves the
     * cursor past its record, in one transaction and only while {@code lease} is still the round's: the cursor is
     * moved first (which checks holder and fence and locks the cursor row, so no takeover comes in between), then the
     * row is written with the lease's fence.
     */
    Change recordFailure(
            Lease lease, Failure failure, Instant nextAttemptAt, String error, Instant now, Instant leaseUntil) {
        return transactions.execute(status -> {
            if (!advance(lease, failure.position(), leaseUntil)) {
                return Change.LEASE_LOST;
            }
            insertFailure(failure, lease.fence(), nextAttemptAt, error, now);
            return Change.DONE;
        });
    }

    private void insertFailure(Failure failure, long fence, Instant nextAttemptAt, String error, Instant now) {
        jdbc.sql("INSERT INTO delivery_failure (delivery_id, receiver, seq, position, record_type, record_id, state,"
                        + " attempts, next_attempt_at, last_error, created_at, parked_at, replays, fence)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
                .params(
                        failure.deliveryId(),
                        failure.receiver(),
                        failure.seq(),
                        failure.position(),
                        failure.recordType(),
                        failure.recordId(),
                        failure.state(),
                        failure.attempts(),
                        utc(nextAttemptAt),
                        error == null ? null : trimmed(error),
                        utc(now),
                        DEAD.equals(failure.state()) ? utc(now) : null,
                        fence)
                .update();
    }

    /**
     * Up to {@code limit} failure rows of a receiver due now (RETRYING past their wait, or WAITING), oldest record
     * first, leaving out any whose record has an older version to the same receiver still RETRYING or WAITING: so
     * versions of one record arrive in order. A DEAD older version does not hold later ones back (as in wave 1: a dead
     * letter waits for an operator, the record's later versions do not).
     */
    List<Failure> dueFailures(String receiver, Instant now, int limit) {
        return jdbc.sql("SELECT f.delivery_id, f.receiver, f.seq, f.position, f.record_type, f.record_id, f.state,"
                        + " f.attempts FROM delivery_failure f WHERE f.receiver = ? AND f.state IN ('RETRYING',"
                        + " 'WAITING') AND f.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM delivery_failure e"
                        + " WHERE e.receiver = f.receiver AND e.record_type = f.record_type"
                        + " AND e.record_id = f.record_id AND e.seq < f.seq AND e.state IN ('RETRYING', 'WAITING'))"
                        + " ORDER BY f.seq FETCH FIRST " + limit + " ROWS ONLY")
                .params(receiver, utc(now))
                .query((rs, n) -> new Failure(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getInt(8)))
                .list();
    }

    /** The records ("type/id") of a receiver that have a version RETRYING or WAITING: their later versions wait. */
    Set<String> heldRecords(String receiver) {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT record_type, record_id FROM delivery_failure"
                        + " WHERE receiver = ? AND state IN ('RETRYING', 'WAITING')")
                .param(receiver)
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
                .list());
    }

    /** The sequence numbers of a receiver's failure rows between two positions: the cursor leaves them to their row. */
    Set<Long> failedSeqs(String receiver, long fromPosition, long toPosition) {
        return new HashSet<>(
                jdbc.sql("SELECT seq FROM delivery_failure WHERE receiver = ? AND position BETWEEN ? AND ?")
                        .params(receiver, fromPosition, toPosition)
                        .query(Long.class)
                        .list());
    }

    /** Marks a retried delivery DELIVERED, fenced by {@code lease} (see {@link #fenced}). */
    Change markDelivered(Lease lease, String deliveryId, Instant now, Instant leaseUntil) {
        return fenced(
                lease,
                leaseUntil,
                () -> jdbc.sql("UPDATE delivery_failure SET state = 'DELIVERED', attempts ="
                                + " attempts + 1, delivered_at = ?, last_error = NULL, fence = ? WHERE delivery_id = ?"
                                + " AND state IN ('RETRYING', 'WAITING') AND fence <= ?")
                        .params(utc(now), lease.fence(), deliveryId, lease.fence())
                        .update());
    }

    /** Counts a failed retry and sets the next one, fenced by {@code lease}. */
    Change markRetry(Lease lease, String deliveryId, String error, Instant nextAttemptAt, Instant leaseUntil) {
        return fenced(
                lease,
                leaseUntil,
                () -> jdbc.sql("UPDATE delivery_failure SET state = 'RETRYING', attempts ="
                                + " attempts + 1, next_attempt_at = ?, last_error = ?, fence = ? WHERE delivery_id = ?"
                                + " AND state IN ('RETRYING', 'WAITING') AND fence <= ?")
                        .params(utc(nextAttemptAt), trimmed(error), lease.fence(), deliveryId, lease.fence())
                        .update());
    }

    /**
     * Marks the delivery DEAD: a dead letter (again, after a replay). Fenced by {@code lease}, and only from RETRYING
     * or WAITING: a DELIVERED delivery never becomes DEAD.
     */
    Change park(Lease lease, String deliveryId, int attempts, String error, Instant now, Instant leaseUntil) {
        return fenced(
                lease,
                leaseUntil,
                () -> jdbc.sql("UPDATE delivery_failure SET state = 'DEAD', attempts = ?,"
                                + " last_error = ?, parked_at = ?, fence = ? WHERE delivery_id = ?"
                                + " AND state IN ('RETRYING', 'WAITING') AND fence <= ?")
                        .params(attempts, trimmed(error), utc(now), lease.fence(), deliveryId, lease.fence())
                        .update());
    }

    /**
     * Runs {@code change} (an update of one failure row) in one transaction with an extension of {@code lease}: the
     * extension checks holder and fence and locks the cursor row, so a takeover either committed before (then the
     * extension matches nothing and the change is not made) or waits until this transaction ends (and then finds the
     * lease extended, not expired). A round that lost its lease therefore changes nothing, whenever its send returns.
     */
    private Change fenced(Lease lease, Instant leaseUntil, IntSupplier change) {
        return transactions.execute(status -> {
            if (!holds(lease, leaseUntil)) {
                return Change.LEASE_LOST;
            }
            return change.getAsInt() == 1 ? Change.DONE : Change.NOT_OPEN;
        });
    }

    // ---- what the operator reads

    private static final String DEAD_LETTER_COLUMNS = "delivery_id, receiver, record_type, record_id, seq, attempts,"
            + " last_error, parked_at, replayed_at, replays, state";

    /** Dead letters, newest first; of one receiver when {@code receiver} is given. */
    public List<DeadLetter> deadLetters(Optional<String> receiver, int limit) {
        return jdbc.sql("SELECT " + DEAD_LETTER_COLUMNS + " FROM delivery_failure"
                        + " WHERE state = 'DEAD' AND (CAST(? AS VARCHAR(64)) IS NULL OR receiver = ?)"
                        + " ORDER BY parked_at DESC, delivery_id FETCH FIRST " + limit + " ROWS ONLY")
                .params(receiver.orElse(null), receiver.orElse(null))
                .query(DeliveryStore::deadLetter)
                .list();
    }

    /** A delivery that was ever parked (its row keeps its replays once delivered). */
    public Optional<DeadLetter> deadLetter(String deliveryId) {
        return jdbc.sql("SELECT " + DEAD_LETTER_COLUMNS
                        + " FROM delivery_failure WHERE delivery_id = ? AND parked_at IS NOT NULL")
                .param(deliveryId)
                .query(DeliveryStore::deadLetter)
                .optional();
    }

    /**
     * One delivery: from its failure row, or else from the receiver's cursor (behind it: DELIVERED, on the first
     * attempt; ahead of it up to the anchored prefix: PENDING). Empty for an id that names no push receiver, no
     * anchored version, a type the receiver does not get, or a version from before the receiver's cursor began.
     */
    public Optional<Delivery> delivery(String deliveryId) {
        Optional<Delivery> failed = jdbc.sql("SELECT delivery_id, receiver, seq, record_type, record_id, state,"
                        + " attempts, next_attempt_at, created_at, delivered_at, last_error FROM delivery_failure"
                        + " WHERE delivery_id = ?")
                .param(deliveryId)
                .query(DeliveryStore::delivery)
                .optional();
        if (failed.isPresent()) {
            return failed;
        }
        int dash = deliveryId.lastIndexOf('-');
        if (!deliveryId.startsWith("d-") || dash <= 2) {
            return Optional.empty();
        }
        String receiver = deliveryId.substring(2, dash);
        long seq;
        try {
            seq = Long.parseLong(deliveryId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        DeliveryProperties.Subscription subscription =
                properties.subscriptions().get(receiver);
        Optional<Cursor> cursor = cursor(receiver);
        Optional<NotaryStore.LogEntry> entry = log.entryOf(seq);
        if (subscription == null
                || !properties.pushEndpoints().containsKey(receiver)
                || cursor.isEmpty()
                || entry.isEmpty()
                || subscription.types().stream()
                        .noneMatch(t -> t.name().equals(entry.get().recordType()))
                || entry.get().position() <= cursor.get().startPosition()) {
            return Optional.empty();
        }
        long position = entry.get().position();
        boolean delivered = position <= cursor.get().position();
        if (!delivered && position > log.anchoredThrough()) {
            return Optional.empty(); // not anchored yet: no delivery is due
        }
        String recordId = records.recordIds(List.of(seq)).get(seq);
        return Optional.of(new Delivery(
                deliveryId,
                receiver,
                seq,
                entry.get().recordType(),
                recordId,
                delivered ? DELIVERED : PENDING,
                delivered ? 1 : 0,
                null,
                null,
                null,
                null));
    }

    /** Puts a dead delivery back to be retried with fresh attempts; false when it is not dead. */
    boolean replay(String deliveryId, Instant now) {
        return jdbc.sql("UPDATE delivery_failure SET state = 'RETRYING', attempts = 0, next_attempt_at = ?,"
                                + " replayed_at = ?, replays = replays + 1 WHERE delivery_id = ? AND state = 'DEAD'")
                        .params(utc(now), utc(now), deliveryId)
                        .update()
                == 1;
    }

    /** The ids of a receiver's dead deliveries, oldest record first. */
    List<String> deadIds(String receiver) {
        return jdbc.sql("SELECT delivery_id FROM delivery_failure WHERE receiver = ? AND state = 'DEAD' ORDER BY seq")
                .param(receiver)
                .query(String.class)
                .list();
    }

    /**
     * Counts per receiver with a cursor, for the operator: delivered (behind the cursor without a failure row, or
     * with one resolved), pending (ahead of the cursor up to the anchored prefix, plus rows waiting for a first
     * attempt), retrying, dead. Counted in SQL over the log's (type, position) index, not read into memory.
     */
    public List<ReceiverCounts> counts() {
        Map<String, long[]> failures = new TreeMap<>();
        jdbc.sql("SELECT receiver,"
                        + " SUM(CASE WHEN state = 'DELIVERED' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN state IN ('RETRYING', 'WAITING') AND attempts = 0 THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN state IN ('RETRYING', 'WAITING') AND attempts > 0 THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN state = 'DEAD' THEN 1 ELSE 0 END)"
                        + " FROM delivery_failure GROUP BY receiver")
                .query((rs, n) -> failures.put(
                        rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}))
                .list();
        long anchored = log.anchoredThrough();
        List<ReceiverCounts> counts = new ArrayList<>();
        for (Cursor cursor : jdbc.sql(
                        "SELECT receiver, start_position, position FROM delivery_cursor ORDER BY receiver")
                .query((rs, n) -> new Cursor(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list()) {
            DeliveryProperties.Subscription subscription =
                    properties.subscriptions().get(cursor.receiver());
            Set<RecordType> types = subscription == null ? Set.of() : subscription.types();
            long[] f = failures.getOrDefault(cursor.receiver(), new long[4]);
            long behind = log.count(types, cursor.startPosition(), cursor.position());
            long unresolvedBehind = jdbc.sql("SELECT COUNT(*) FROM delivery_failure WHERE receiver = ?"
                            + " AND state <> 'DELIVERED' AND position > ? AND position <= ?")
                    .params(cursor.receiver(), cursor.startPosition(), cursor.position())
                    .query(Long.class)
                    .single();
            long ahead = log.count(types, cursor.position(), anchored);
            counts.add(new ReceiverCounts(cursor.receiver(), behind - unresolvedBehind, ahead + f[1], f[2], f[3]));
        }
        return counts;
    }

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        return new Delivery(
                rs.getString("delivery_id"),
                rs.getString("receiver"),
                rs.getLong("seq"),
                rs.getString("record_type"),
                rs.getString("record_id"),
                shown(rs.getString("state")),
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
                shown(rs.getString(11)));
    }

    /** The state as the API has always named it: a delivery not yet through and not dead is PENDING. */
    private static String shown(String state) {
        return RETRYING.equals(state) || WAITING.equals(state) ? PENDING : state;
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
