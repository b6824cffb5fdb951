package org.exchangehub.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.exchangehub.hub.storage.GroupCommit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log: records entries, chains them and reads them back.
 *
 * <p>A call's entry is recorded by one insert into {@code audit_pending} (content and time, no place in the chain yet)
 * and committed before the response leaves; nothing is locked, so calls on every thread and every hub instance sharing
 * the database record side by side. {@link #chainPending(int)} later gives pending entries their place: it locks the
 * one-row head table ({@code SELECT ... FOR UPDATE}), so one chainer at a time across instances, takes pending entries
 * in id order, inserts them into {@code audit_entry} with the next seqs and their hashes, deletes them from
 * {@code audit_pending} and moves the head, in one transaction: an entry is pending or chained, never both, never
 * twice. {@code audit_entry} itself is only inserted into and read.
 */
@Component
public class AuditLog {

    /** Rows per multi-row insert (11 or 13 parameters each; well below every driver's limit). */
    private static final int ROWS_PER_INSERT = 200;
    /** The most concurrent calls' entries committed together. */
    private static final int CALLS_PER_COMMIT = 64;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final GroupCommit<List<AuditEntry>, Boolean> commits;

    public AuditLog(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.commits = new GroupCommit<>(this::insertGroup, CALLS_PER_COMMIT);
    }

    /** The chain's head: the last chained entry's seq (0 when empty) and hash. */
    public record Head(long seq, String hash) {}

    /** Records one entry, committed when this returns; it is chained shortly after. Returns it as pending. */
    public AuditEntry append(AuditEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    /**
     * Records entries in one transaction, committed when this returns and chained shortly after in this order (their
     * ids rise); returns them as pending. Takes no lock on the chain; concurrent calls share a commit ({@link
     * GroupCommit}), and within the caller's own transaction they commit with it.
     */
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<AuditEntry> entries =
                events.stream().map(event -> AuditEntry.pending(time, event)).toList();
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            insert(entries);
        } else {
            commits.submit(entries);
        }
        return entries;
    }

    /**
     * Inserts the entries of concurrent calls in one transaction: every API call records its entry before it answers,
     * so under load these commits would otherwise be as many as the calls.
     */
    private List<Boolean> insertGroup(List<List<AuditEntry>> calls) {
        List<AuditEntry> all = new ArrayList<>();
        calls.forEach(all::addAll);
        transactions.executeWithoutResult(status -> insert(all));
        return calls.stream().map(call -> Boolean.TRUE).toList();
    }

    private void insert(List<AuditEntry> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            insertPending(entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT)));
        }
    }

    private void insertPending(List<AuditEntry> entries) {
        StringBuilder sql = new StringBuilder("INSERT INTO audit_pending (recorded_at, actor_kind, actor, operation,"
                + " request, record_type, record_id, record_version, status, code) VALUES ");
        List<Object> params = new ArrayList<>(entries.size() * 10);
        for (int i = 0; i < entries.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            AuditEvent event = entries.get(i).event();
            params.add(OffsetDateTime.ofInstant(entries.get(i).time(), ZoneOffset.UTC));
            addEvent(params, event);
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    private static void addEvent(List<Object> params, AuditEvent event) {
        params.add(event.actorKind().name());
        params.add(event.actor());
        params.add(event.operation().name());
        params.add(event.request());
        params.add(event.recordType());
        params.add(event.recordId());
        params.add(event.recordVersion());
        params.add(event.status());
        params.add(event.code());
    }

    /**
     * Chains up to {@code max} pending entries, oldest id first, after the head; returns how many. One transaction
     * under the head row's lock: the entries get the next seqs without a gap, leave {@code audit_pending} and the head
     * moves, all or nothing (a chainer killed midway leaves them pending for the next one).
     */
    public int chainPending(int max) {
        Integer chained = transactions.execute(status -> {
            Head head = jdbc.sql("SELECT seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE")
                    .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                    .single();
            // read under the lock: a chainer that held it before us has deleted what it chained
            List<Pending> pending = jdbc.sql(PENDING + " ORDER BY id FETCH FIRST " + max + " ROWS ONLY")
                    .query(AuditLog::pending)
                    .list();
            if (pending.isEmpty()) {
                return 0;
            }
            List<AuditEntry> entries = new ArrayList<>(pending.size());
            String previous = head.hash();
            long seq = head.seq();
            for (Pending entry : pending) {
                AuditEntry chainedEntry = AuditEntry.chained(++seq, entry.time(), entry.event(), previous);
                entries.add(chainedEntry);
                previous = chainedEntry.entryHash();
            }
            for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
                insertChained(entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT)));
            }
            int deleted = 0;
            for (int from = 0; from < pending.size(); from += ROWS_PER_INSERT) {
                List<Pending> chunk = pending.subList(from, Math.min(pending.size(), from + ROWS_PER_INSERT));
                deleted += jdbc.sql("DELETE FROM audit_pending WHERE id IN ("
                                + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")
                        .params(chunk.stream().map(Pending::id).toList())
                        .update();
            }
            if (deleted != pending.size()) {
                // cannot happen under the head lock; if it did, rolling back is what keeps an entry from being
                // chained twice
                throw new IllegalStateException(
                        "chained " + pending.size() + " pending audit entries but deleted " + deleted);
            }
            jdbc.sql("UPDATE audit_head SET seq = ?, head_hash = ? WHERE id = 1")
                    .params(seq, previous)
                    .update();
            return entries.size();
        });
        return chained == null ? 0 : chained;
    }

    private void insertChained(List<AuditEntry> entries) {
        StringBuilder sql = new StringBuilder("INSERT INTO audit_entry (seq, recorded_at, actor_kind, actor,"
                + " operation, request, record_type, record_id, record_version, status, code, previous_hash,"
                + " entry_hash) VALUES ");
        List<Object> params = new ArrayList<>(entries.size() * 13);
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry entry = entries.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.add(entry.seq());
            params.add(OffsetDateTime.ofInstant(entry.time(), ZoneOffset.UTC));
            addEvent(params, entry.event());
            params.add(entry.previousHash());
            params.add(entry.entryHash());
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** A pending entry as stored. */
    private record Pending(long id, Instant time, AuditEvent event) {}

    private static final String PENDING = "SELECT id, recorded_at, actor_kind, actor, operation, request,"
            + " record_type, record_id, record_version, status, code FROM audit_pending";

    private static Pending pending(ResultSet rs, int row) throws SQLException {
        return new Pending(
                rs.getLong("id"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                event(rs));
    }

    /** Entries recorded but not chained yet. */
    public long pendingCount() {
        return pendingCount(jdbc);
    }

    static long pendingCount(JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_pending").query(Long.class).single();
    }

    public Head head() {
        return head(jdbc);
    }

    static Head head(JdbcClient jdbc) {
        return jdbc.sql("SELECT seq, head_hash FROM audit_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
    }

    /** One entry by seq. */
    public Optional<AuditEntry> entry(long seq) {
        return jdbc.sql(SELECT + " WHERE seq = ?")
                .param(seq)
                .query(AuditLog::entry)
                .optional();
    }

    /**
     * Recent entries, newest first, filtered by actor, record type and record id where given: entries still pending
     * first (no seq yet; newest id first), then chained ones by seq. One statement, so one snapshot: an entry chained
     * meanwhile is listed once, pending or chained.
     */
    public List<AuditEntry> recent(String actor, String recordType, String recordId, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> filter = new ArrayList<>();
        if (actor != null) {
            where.append(" AND actor = ?");
            filter.add(actor);
        }
        if (recordType != null) {
            where.append(" AND record_type = ?");
            filter.add(recordType);
        }
        if (recordId != null) {
            where.append(" AND record_id = ?");
            filter.add(recordId);
        }
        String first = " FETCH FIRST " + limit + " ROWS ONLY";
        String sql = "SELECT * FROM (SELECT * FROM (SELECT CAST(NULL AS BIGINT) AS seq, id AS pending_id, "
                + COLUMNS + ", CAST(NULL AS VARCHAR(64)) AS previous_hash, CAST(NULL AS VARCHAR(64)) AS entry_hash"
                + " FROM audit_pending" + where + " ORDER BY id DESC" + first + ") p"
                + " UNION ALL SELECT * FROM (SELECT seq, CAST(NULL AS BIGINT) AS pending_id, " + COLUMNS
                + ", previous_hash, entry_hash FROM audit_entry" + where + " ORDER BY seq DESC" + first + ") e) a"
                + " ORDER BY seq DESC NULLS FIRST, pending_id DESC" + first;
        List<Object> params = new ArrayList<>(filter);
        params.addAll(filter);
        return jdbc.sql(sql).params(params).query(AuditLog::entry).list();
    }

    private static final String COLUMNS = "recorded_at, actor_kind, actor, operation, request, record_type, record_id,"
            + " record_version, status, code";

    static final String SELECT = "SELECT seq, recorded_at, actor_kind, actor, operation, request, record_type,"
            + " record_id, record_version, status, code, previous_hash, entry_hash FROM audit_entry";

    /**
     * An entry as stored. Values that no longer parse (an altered kind or operation) are kept as they are as far as
     * they can be, so that the chain check reports them as altered rather than failing.
     */
    static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        long seq = rs.getLong("seq");
        return new AuditEntry(
                rs.wasNull() ? null : seq,
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                event(rs),
                rs.getString("previous_hash"),
                rs.getString("entry_hash"));
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        int version = rs.getInt("record_version");
        Integer recordVersion = rs.wasNull() ? null : version;
        return new AuditEvent(
                enumValue(ActorKind.class, rs.getString("actor_kind")),
                rs.getString("actor"),
                enumValue(AuditOperation.class, rs.getString("operation")),
                rs.getString("request"),
                rs.getString("record_type"),
                rs.getString("record_id"),
                recordVersion,
                rs.getInt("status"),
                rs.getString("code"));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
