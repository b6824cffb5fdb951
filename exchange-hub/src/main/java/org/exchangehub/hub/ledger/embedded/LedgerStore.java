package org.exchangehub.hub.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded ledger's tables: blocks, their transactions and write sets, world state and key history. */
final class LedgerStore {

    private final JdbcClient jdbc;

    LedgerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Committed world state as a transaction sees it. */
    interface StateView {
        byte[] get(String key);

        /** Keys in [startKey, endKey) in UTF-8 byte order; an empty endKey means no upper bound. */
        List<KeyValue> range(String startKey, String endKey, int limit);

        List<KeyModification> history(String key);

        /** The block that wrote the key's committed value, or {@link #ABSENT} when the key has none. */
        long version(String key);

        /** The keys of {@link #range} with their versions, what a range read's phantom check compares. */
        List<KeyVersion> rangeVersions(String startKey, String endKey, int limit);
    }

    /** The version of a key that does not exist. */
    static final long ABSENT = -1;

    /** A key and the block that wrote its committed value: one transaction per block, so a version names a write. */
    record KeyVersion(String key, long version) {}

    record Head(long height, String headHash) {}

    record Write(String key, byte[] value) {
        boolean isDelete() {
            return value == null;
        }
    }

    record Block(
            long number,
            String previousHash,
            String dataHash,
            String blockHash,
            String signature,
            String signerCertificate,
            Instant createdAt) {}

    record CommittedTransaction(
            String transactionId,
            long blockNumber,
            String function,
            String arguments,
            String creatorMspId,
            String creatorCertificate,
            Instant time,
            String result,
            String eventName,
            byte[] eventPayload) {}

    record StateEntry(String getKey, byte[] getValue) implements KeyValue {
        @Override
        public String getStringValue() {
            return new String(getValue, StandardCharsets.UTF_8);
        }
    }

    record HistoryEntry(String getTxId, byte[] getValue, Instant getTimestamp, boolean isDeleted)
            implements KeyModification {
        @Override
        public String getStringValue() {
            return getValue == null ? "" : new String(getValue, StandardCharsets.UTF_8);
        }
    }

    StateView state() {
        return new StateView() {
            @Override
            public byte[] get(String key) {
                return jdbc.sql("SELECT state_value FROM ledger_state WHERE state_key = ?")
                        .param(KeyOrder.bytes(key))
                        .query(byte[].class)
                        .optional()
                        .orElse(null);
            }

            @Override
            public List<KeyValue> range(String startKey, String endKey, int limit) {
                return rangeOf("state_value", startKey, endKey, limit, (rs, n) ->
                        (KeyValue) new StateEntry(new String(rs.getBytes(1), StandardCharsets.UTF_8), rs.getBytes(2)));
            }

            @Override
            public long version(String key) {
                return jdbc.sql("SELECT block_number FROM ledger_state WHERE state_key = ?")
                        .param(KeyOrder.bytes(key))
                        .query(Long.class)
                        .optional()
                        .orElse(ABSENT);
            }

            @Override
            public List<KeyVersion> rangeVersions(String startKey, String endKey, int limit) {
                return rangeOf(
                        "block_number",
                        startKey,
                        endKey,
                        limit,
                        (rs, n) -> new KeyVersion(new String(rs.getBytes(1), StandardCharsets.UTF_8), rs.getLong(2)));
            }

            /** Keys from {@code startKey} (inclusive) to {@code endKey} (exclusive; none when empty), with a column. */
            private <T> List<T> rangeOf(String column, String startKey, String endKey, int limit, RowMapper<T> row) {
                String upper = endKey == null || endKey.isEmpty() ? "" : " AND state_key < :end";
                var statement = jdbc.sql("SELECT state_key, " + column + " FROM ledger_state WHERE state_key >= :start"
                                + upper + " ORDER BY state_key FETCH FIRST :limit ROWS ONLY")
                        .param("start", KeyOrder.bytes(startKey == null ? "" : startKey))
                        .param("limit", limit);
                if (!upper.isEmpty()) {
                    statement = statement.param("end", KeyOrder.bytes(endKey));
                }
                return statement.query(row).list();
            }

            @Override
            public List<KeyModification> history(String key) {
                return jdbc.sql("SELECT tx_id, state_value, tx_time, is_delete FROM ledger_key_history"
                                + " WHERE state_key = ? ORDER BY block_number DESC")
                        .param(KeyOrder.bytes(key))
                        .query((rs, n) -> (KeyModification)
                                new HistoryEntry(rs.getString(1), rs.getBytes(2), instant(rs, 3), rs.getBoolean(4)))
                        .list();
            }
        };
    }

    /** Locks the head row until the surrounding database transaction ends, and reads it. */
    Head lockHead() {
        return jdbc.sql("SELECT height, head_hash FROM ledger_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
    }

    Head head() {
        return jdbc.sql("SELECT height, head_hash FROM ledger_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
    }

    /** Appends a block with its transaction and write set, applies the writes to the state and moves the head. */
    void append(Block block, CommittedTransaction tx, List<Write> writes) {
        jdbc.sql("INSERT INTO ledger_block (block_number, previous_hash, data_hash, block_hash, signature,"
                        + " signer_certificate, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        block.number(),
                        block.previousHash(),
                        block.dataHash(),
                        block.blockHash(),
                        block.signature(),
                        block.signerCertificate(),
                        timestamp(block.createdAt()))
                .update();
        jdbc.sql("INSERT INTO ledger_transaction (tx_id, block_number, function_name, arguments, creator_msp_id,"
                        + " creator_certificate, tx_time, result, event_name, event_payload)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        tx.transactionId(),
                        tx.blockNumber(),
                        tx.function(),
                        tx.arguments(),
                        tx.creatorMspId(),
                        tx.creatorCertificate(),
                        timestamp(tx.time()),
                        tx.result(),
                        tx.eventName(),
                        tx.eventPayload())
                .update();
        for (Write write : writes) {
            byte[] key = KeyOrder.bytes(write.key());
            jdbc.sql("INSERT INTO ledger_key_history (state_key, block_number, tx_id, state_value, is_delete, tx_time)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            key,
                            block.number(),
                            tx.transactionId(),
                            write.value(),
                            write.isDelete(),
                            timestamp(tx.time()))
                    .update();
            jdbc.sql("DELETE FROM ledger_state WHERE state_key = ?").param(key).update();
            if (!write.isDelete()) {
                jdbc.sql("INSERT INTO ledger_state (state_key, state_value, block_number, tx_id) VALUES (?, ?, ?, ?)")
                        .params(key, write.value(), block.number(), tx.transactionId())
                        .update();
            }
        }
        jdbc.sql("UPDATE ledger_head SET height = ?, head_hash = ? WHERE id = 1")
                .params(block.number() + 1, block.blockHash())
                .update();
    }

    Optional<Block> block(long number) {
        return jdbc.sql("SELECT block_number, previous_hash, data_hash, block_hash, signature, signer_certificate,"
                        + " created_at FROM ledger_block WHERE block_number = ?")
                .param(number)
                .query((rs, n) -> new Block(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        instant(rs, 7)))
                .optional();
    }

    Optional<CommittedTransaction> transactionInBlock(long number) {
        return jdbc.sql("SELECT tx_id, block_number, function_name, arguments, creator_msp_id, creator_certificate,"
                        + " tx_time, result, event_name, event_payload FROM ledger_transaction WHERE block_number = ?")
                .param(number)
                .query((rs, n) -> new CommittedTransaction(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        instant(rs, 7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getBytes(10)))
                .optional();
    }

    Optional<Long> blockOfTransaction(String transactionId) {
        return jdbc.sql("SELECT block_number FROM ledger_transaction WHERE tx_id = ?")
                .param(transactionId)
                .query(Long.class)
                .optional();
    }

    /** The writes of a block, in key order. */
    List<Write> writesOfBlock(long number) {
        return jdbc.sql("SELECT state_key, state_value, is_delete FROM ledger_key_history WHERE block_number = ?"
                        + " ORDER BY state_key")
                .param(number)
                .query((rs, n) -> new Write(
                        new String(rs.getBytes(1), StandardCharsets.UTF_8), rs.getBoolean(3) ? null : rs.getBytes(2)))
                .list();
    }

    /** The whole world state, in key order. */
    List<StateEntry> allState() {
        return jdbc.sql("SELECT state_key, state_value FROM ledger_state ORDER BY state_key")
                .query((rs, n) -> new StateEntry(new String(rs.getBytes(1), StandardCharsets.UTF_8), rs.getBytes(2)))
                .list();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? rs.getObject(column, Timestamp.class).toInstant() : value.toInstant();
    }
}
