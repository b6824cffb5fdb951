package org.exchangehub.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log: appends entries to the hash chain and reads them back. An append locks the one-row head table
 * ({@code SELECT ... FOR UPDATE}), inserts the entries and moves the head, in one transaction, so threads and hub
 * instances sharing a database chain one after another; {@code audit_entry} itself is only inserted into and read.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The chain's head: the last entry's seq (0 when empty) and hash. */
    public record Head(long seq, String hash) {}

    /** Appends one entry; returns it as chained. */
    public AuditEntry append(AuditEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    /** Appends entries in order, in one transaction; returns them as chained. */
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return transactions.execute(status -> {
            Head head = jdbc.sql("SELECT seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE")
                    .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                    .single();
            // taken under the lock, so times never go backwards along the chain on one clock
            Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            List<AuditEntry> entries = new ArrayList<>(events.size());
            String previous = head.hash();
            long seq = head.seq();
            for (AuditEvent event : events) {
                AuditEntry entry = AuditEntry.chained(++seq, time, event, previous);
                insert(entry);
                entries.add(entry);
                previous = entry.entryHash();
            }
            jdbc.sql("UPDATE audit_head SET seq = ?, head_hash = ? WHERE id = 1")
                    .params(seq, previous)
                    .update();
            return entries;
        });
    }

    private void insert(AuditEntry entry) {
        AuditEvent event = entry.event();
        jdbc.sql("INSERT INTO audit_entry (seq, recorded_at, actor_kind, actor, operation, request, record_type,"
                        + " record_id, record_version, status, code, previous_hash, entry_hash)"
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

    /** Recent entries, newest first, filtered by actor, record type and record id where given. */
    public List<AuditEntry> recent(String actor, String recordType, String recordId, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (actor != null) {
            sql.append(" AND actor = ?");
            params.add(actor);
        }
        if (recordType != null) {
            sql.append(" AND record_type = ?");
            params.add(recordType);
        }
        if (recordId != null) {
            sql.append(" AND record_id = ?");
            params.add(recordId);
        }
        sql.append(" ORDER BY seq DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(AuditLog::entry).list();
    }

    static final String SELECT = "SELECT seq, recorded_at, actor_kind, actor, operation, request, record_type,"
            + " record_id, record_version, status, code, previous_hash, entry_hash FROM audit_entry";

    /**
     * An entry as stored. Values that no longer parse (an altered kind or operation) are kept as they are as far as
     * they can be, so that the chain check reports them as altered rather than failing.
     */
    static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        int version = rs.getInt("record_version");
        Integer recordVersion = rs.wasNull() ? null : version;
        AuditEvent event = new AuditEvent(
                enumValue(ActorKind.class, rs.getString("actor_kind")),
                rs.getString("actor"),
                enumValue(AuditOperation.class, rs.getString("operation")),
                rs.getString("request"),
                rs.getString("record_type"),
                rs.getString("record_id"),
                recordVersion,
                rs.getInt("status"),
                rs.getString("code"));
        return new AuditEntry(
                rs.getLong("seq"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                event,
                rs.getString("previous_hash"),
                rs.getString("entry_hash"));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
