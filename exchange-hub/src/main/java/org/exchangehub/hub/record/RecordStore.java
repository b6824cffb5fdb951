package org.exchangehub.hub.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The append-only record versions and the one-active-contract-per-unit index. */
@Repository
public class RecordStore {

    private static final String COLUMNS = "seq, receipt_id, record_type, record_id, version, source_agency, payload,"
            + " digest, hash_algorithm, revoked, accepted_at";

    private static final RowMapper<StoredRecord> ROW = RecordStore::map;

    private final JdbcClient jdbc;

    public RecordStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredRecord> version(RecordType type, String id, int version) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM record_version WHERE record_type = ? AND record_id = ? AND version = ?")
                .params(type.name(), id, version)
                .query(ROW)
                .optional();
    }

    public Optional<StoredRecord> latest(RecordType type, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM record_version WHERE record_type = ? AND record_id = ?"
                        + " ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")
                .params(type.name(), id)
                .query(ROW)
                .optional();
    }

    public Optional<StoredRecord> bySeq(long seq) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM record_version WHERE seq = ?")
                .param(seq)
                .query(ROW)
                .optional();
    }

    public Optional<StoredRecord> byReceipt(String receiptId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM record_version WHERE receipt_id = ?")
                .param(receiptId)
                .query(ROW)
                .optional();
    }

    public List<StoredRecord> byDigest(String digest) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM record_version WHERE digest = ? ORDER BY seq")
                .param(digest)
                .query(ROW)
                .list();
    }

    /** The newest version number of a record, 0 when there is none. */
    public int latestVersion(RecordType type, String id) {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM record_version WHERE record_type = ? AND record_id = ?")
                .params(type.name(), id)
                .query(Integer.class)
                .single();
    }

    /** Versions of a type after a feed cursor (the global sequence), oldest first. */
    public List<StoredRecord> feed(RecordType type, long afterSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM record_version WHERE record_type = ? AND seq > ?"
                        + " ORDER BY seq FETCH FIRST " + limit + " ROWS ONLY")
                .params(type.name(), afterSeq)
                .query(ROW)
                .list();
    }

    /** Appends a version and its notarization outbox row; returns the version's sequence number. */
    public long append(StoredRecord record) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO record_version (receipt_id, record_type, record_id, version, source_agency, payload,"
                        + " digest, hash_algorithm, revoked, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        record.receiptId(),
                        record.type().name(),
                        record.id(),
                        record.version(),
                        record.source(),
                        record.payload(),
                        record.digest(),
                        record.hashAlgorithm(),
                        record.revoked(),
                        record.acceptedAt().atOffset(ZoneOffset.UTC))
                .update(keys, "seq");
        long seq = keys.getKey().longValue();
        jdbc.sql("INSERT INTO notary_leaf (seq, digest, hash_algorithm) VALUES (?, ?, ?)")
                .params(seq, record.digest(), record.hashAlgorithm())
                .update();
        return seq;
    }

    /** The contract currently active on a unit, if any. */
    public Optional<String> activeContract(String houseCode) {
        return jdbc.sql("SELECT contract_no FROM unit_active_contract WHERE house_code = ?")
                .param(houseCode)
                .query(String.class)
                .optional();
    }

    /** Makes {@code contractNo} the unit's active contract, moving it off any other unit it was on. */
    public void activateContract(String houseCode, String contractNo, long seq) {
        jdbc.sql("DELETE FROM unit_active_contract WHERE contract_no = ?")
                .param(contractNo)
                .update();
        jdbc.sql("INSERT INTO unit_active_contract (house_code, contract_no, since_seq) VALUES (?, ?, ?)")
                .params(houseCode, contractNo, seq)
                .update();
    }

    /** Frees the unit a cancelled contract held. */
    public void releaseContract(String contractNo) {
        jdbc.sql("DELETE FROM unit_active_contract WHERE contract_no = ?")
                .param(contractNo)
                .update();
    }

    private static StoredRecord map(ResultSet rs, int row) throws SQLException {
        return new StoredRecord(
                rs.getLong("seq"),
                rs.getString("receipt_id"),
                RecordType.valueOf(rs.getString("record_type")),
                rs.getString("record_id"),
                rs.getInt("version"),
                rs.getString("source_agency"),
                rs.getString("payload"),
                rs.getString("digest"),
                rs.getString("hash_algorithm"),
                rs.getBoolean("revoked"),
                instant(rs, "accepted_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
