package org.exchangehub.hub.record;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only record versions and the one-active-contract-per-unit index. */
@Repository
public class RecordStore {

    private static final String COLUMNS = "seq, receipt_id, record_type, record_id, version, source_agency, payload,"
            + " digest, hash_algorithm, revoked, accepted_at";

    private static final RowMapper<StoredRecord> ROW = RecordStore::map;

    /** Most keys in one {@code IN} list (PostgreSQL takes at most 32,767 parameters a statement). */
    private static final int IN_LIST = 500;

    private static final String INSERT_VERSION = "INSERT INTO record_version (receipt_id, record_type, record_id,"
            + " version, source_agency, payload, digest, hash_algorithm, revoked, accepted_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    @Autowired
    public RecordStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A store for reading only (appending needs the {@link JdbcTemplate}), as the offline tools use it. */
    public RecordStore(JdbcClient jdbc) {
        this(jdbc, null);
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

    /**
     * The latest version of each of {@code ids} that has one, by id: one query per few hundred ids. The ids are joined
     * as a {@code VALUES} list, so that each is an index lookup: H2 reads {@code record_id IN (...)} on the second
     * column of the key index as a scan of the whole type.
     */
    Map<String, StoredRecord> latest(RecordType type, Collection<String> ids) {
        Map<String, StoredRecord> latest = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> some = all.subList(from, Math.min(all.size(), from + IN_LIST));
            StringBuilder sql = new StringBuilder(
                    "SELECT r.seq, r.receipt_id, r.record_type, r.record_id, r.version,"
                            + " r.source_agency, r.payload, r.digest, r.hash_algorithm, r.revoked, r.accepted_at FROM (VALUES ");
            for (int i = 0; i < some.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(CAST(? AS VARCHAR(128)))");
            }
            sql.append(") AS k (id) JOIN record_version r ON r.record_type = ? AND r.record_id = k.id"
                    + " WHERE r.version = (SELECT MAX(v.version) FROM record_version v"
                    + " WHERE v.record_type = r.record_type AND v.record_id = r.record_id)");
            List<Object> params = new ArrayList<>(some);
            params.add(type.name());
            jdbc.sql(sql.toString())
                    .params(params)
                    .query(ROW)
                    .list()
                    .forEach(record -> latest.put(record.id(), record));
        }
        return latest;
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

    /** The hash algorithm of the first version stored, if any (a hub keeps one for its records). */
    public Optional<String> firstHashAlgorithm() {
        return jdbc.sql("SELECT hash_algorithm FROM record_version ORDER BY seq FETCH FIRST 1 ROWS ONLY")
                .query(String.class)
                .optional();
    }

    /** The newest version number of a record, 0 when there is none. */
    public int latestVersion(RecordType type, String id) {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM record_version WHERE record_type = ? AND record_id = ?")
                .params(type.name(), id)
                .query(Integer.class)
                .single();
    }

    /** The record ids of the versions with the given sequence numbers, by sequence number. */
    public Map<Long, String> recordIds(List<Long> seqs) {
        Map<Long, String> ids = new HashMap<>();
        for (int from = 0; from < seqs.size(); from += IN_LIST) {
            jdbc.sql("SELECT seq, record_id FROM record_version WHERE seq IN (:seqs)")
                    .param("seqs", seqs.subList(from, Math.min(seqs.size(), from + IN_LIST)))
                    .query((rs, n) -> ids.put(rs.getLong(1), rs.getString(2)))
                    .list();
        }
        return ids;
    }

    /**
     * The versions with the given sequence numbers, in the order given (one query per few hundred); a number with no
     * version is left out.
     */
    public List<StoredRecord> bySeqs(List<Long> seqs) {
        Map<Long, StoredRecord> found = new HashMap<>();
        for (int from = 0; from < seqs.size(); from += IN_LIST) {
            jdbc.sql("SELECT " + COLUMNS + " FROM record_version WHERE seq IN (:seqs)")
                    .param("seqs", seqs.subList(from, Math.min(seqs.size(), from + IN_LIST)))
                    .query(ROW)
                    .list()
                    .forEach(r -> found.put(r.seq(), r));
        }
        List<StoredRecord> ordered = new ArrayList<>(found.size());
        for (Long seq : seqs) {
            StoredRecord r = found.get(seq);
            if (r != null) {
                ordered.add(r);
            }
        }
        return ordered;
    }

    /** Appends versions by JDBC batches; returns their sequence numbers in order. */
    long[] appendAll(List<StoredRecord> records) {
        if (records.isEmpty()) {
            return new long[0];
        }
        return writer().execute((ConnectionCallback<long[]>) connection -> {
            long[] keys = new long[records.size()];
            try (PreparedStatement insert = connection.prepareStatement(INSERT_VERSION, new String[] {"seq"})) {
                for (StoredRecord record : records) {
                    insert.setString(1, record.receiptId());
                    insert.setString(2, record.type().name());
                    insert.setString(3, record.id());
                    insert.setInt(4, record.version());
                    insert.setString(5, record.source());
                    insert.setString(6, record.payload());
                    insert.setString(7, record.digest());
                    insert.setString(8, record.hashAlgorithm());
                    insert.setBoolean(9, record.revoked());
                    insert.setObject(10, record.acceptedAt().atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
                try (ResultSet generated = insert.getGeneratedKeys()) {
                    int i = 0;
                    while (generated.next()) {
                        if (i == keys.length) {
                            throw new SQLException("more generated keys than rows inserted");
                        }
                        keys[i++] = generated.getLong(1);
                    }
                    if (i != keys.length) {
                        throw new SQLException(i + " generated keys for " + keys.length + " rows inserted");
                    }
                }
            }
            return keys;
        });
    }

    private JdbcTemplate writer() {
        if (template == null) {
            throw new IllegalStateException("this record store is for reading only");
        }
        return template;
    }

    /** The contract active on each of {@code houseCodes} that has one, by house code. */
    Map<String, String> activeContracts(Collection<String> houseCodes) {
        Map<String, String> active = new HashMap<>();
        List<String> all = List.copyOf(houseCodes);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            jdbc.sql("SELECT house_code, contract_no FROM unit_active_contract WHERE house_code IN (:codes)")
                    .param("codes", all.subList(from, Math.min(all.size(), from + IN_LIST)))
                    .query((rs, n) -> active.put(rs.getString(1), rs.getString(2)))
                    .list();
        }
        return active;
    }

    /** A row of the one-active-contract-per-unit index. */
    record ActiveContract(String houseCode, String contractNo, long sinceSeq) {}

    /**
     * Sets where each of {@code contractNos} is active: removes their rows, then inserts {@code active} (a subset of
     * them, each on its unit), by JDBC batches.
     */
    void replaceActiveContracts(Collection<String> contractNos, List<ActiveContract> active) {
        List<String> all = List.copyOf(contractNos);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            jdbc.sql("DELETE FROM unit_active_contract WHERE contract_no IN (:contracts)")
                    .param("contracts", all.subList(from, Math.min(all.size(), from + IN_LIST)))
                    .update();
        }
        if (!active.isEmpty()) {
            List<Object[]> rows = new ArrayList<>(active.size());
            for (ActiveContract a : active) {
                rows.add(new Object[] {a.houseCode(), a.contractNo(), a.sinceSeq()});
            }
            writer().batchUpdate(
                            "INSERT INTO unit_active_contract (house_code, contract_no, since_seq) VALUES (?, ?, ?)",
                            rows);
        }
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

    /** Keeps the source signatures of versions appended in this transaction, by receipt id. */
    public void saveSourceSignatures(Map<String, SourceSignature> signatures) {
        if (signatures.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        signatures.forEach((receiptId, signature) -> rows.add(new Object[] {
            receiptId, signature.jws(), signature.signer(), java.sql.Timestamp.from(signature.signingTime())
        }));
        writer().batchUpdate(
                        "INSERT INTO source_signature (receipt_id, jws, signer, signing_time) VALUES (?, ?, ?, ?)",
                        rows);
    }

    /** The source signatures kept with the given versions that were signed, by receipt id. */
    public Map<String, SourceSignature> sourceSignatures(List<String> receiptIds) {
        Map<String, SourceSignature> found = new HashMap<>();
        for (int from = 0; from < receiptIds.size(); from += IN_LIST) {
            jdbc.sql("SELECT receipt_id, jws, signer, signing_time FROM source_signature WHERE receipt_id IN (:ids)")
                    .param("ids", receiptIds.subList(from, Math.min(receiptIds.size(), from + IN_LIST)))
                    .query((rs, n) -> found.put(
                            rs.getString("receipt_id"),
                            new SourceSignature(
                                    rs.getString("jws"),
                                    rs.getString("signer"),
                                    rs.getTimestamp("signing_time").toInstant())))
                    .list();
        }
        return found;
    }

    /** The source signature kept with a version, if it was signed. */
    public Optional<SourceSignature> sourceSignature(String receiptId) {
        return jdbc.sql("SELECT jws, signer, signing_time FROM source_signature WHERE receipt_id = ?")
                .param(receiptId)
                .query((rs, n) -> new SourceSignature(
                        rs.getString("jws"),
                        rs.getString("signer"),
                        rs.getTimestamp("signing_time").toInstant()))
                .optional();
    }
}
