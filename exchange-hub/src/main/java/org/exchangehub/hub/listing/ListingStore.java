package org.exchangehub.hub.listing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.exchangehub.adapters.hub.ListingUpdate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The public views, one per record (its newest version), with the columns the portal interfaces search by. */
@Repository
public class ListingStore {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ListingStore(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** One public view with the version and receipt it was made from. */
    public record Entry(String type, String id, int version, String receiptId, ObjectNode view) {}

    /**
     * Keeps {@code update} unless a newer version of the record is kept already (deliveries of one record arrive in
     * order, but a replayed dead letter may be older); returns whether it was kept.
     */
    @Transactional
    public boolean apply(ListingUpdate update) {
        JsonNode view = update.view();
        String text = view.toString();
        Object now = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE listing_record SET version = ?, receipt_id = ?, public_view = ?, project_id = ?,"
                        + " building_id = ?, house_code = ?, contract_no = ?, status = ?, updated_at = ?"
                        + " WHERE record_type = ? AND record_id = ? AND version < ?")
                .params(
                        update.version(),
                        update.receiptId(),
                        text,
                        text(view, "projectId"),
                        text(view, "buildingId"),
                        text(view, "houseCode"),
                        text(view, "contractNo"),
                        status(update.type(), view),
                        now,
                        update.type(),
                        update.id(),
                        update.version())
                .update();
        if (updated > 0) {
            return true;
        }
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM listing_record WHERE record_type = ? AND record_id = ?")
                        .params(update.type(), update.id())
                        .query(Long.class)
                        .single()
                > 0;
        if (exists) {
            return false;
        }
        jdbc.sql("INSERT INTO listing_record (record_type, record_id, version, receipt_id, public_view, project_id,"
                        + " building_id, house_code, contract_no, status, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        update.type(),
                        update.id(),
                        update.version(),
                        update.receiptId(),
                        text,
                        text(view, "projectId"),
                        text(view, "buildingId"),
                        text(view, "houseCode"),
                        text(view, "contractNo"),
                        status(update.type(), view),
                        now)
                .update();
        return true;
    }

    public Optional<Entry> entry(String type, String id) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM listing_record" + " WHERE record_type = ? AND record_id = ?")
                .params(type, id)
                .query(this::row)
                .optional();
    }

    /** Every entry of a type whose {@code column} equals {@code value}, by record id. */
    public List<Entry> by(String type, String column, String value) {
        requireSearchColumn(column);
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM listing_record" + " WHERE record_type = ? AND " + column
                        + " = ? ORDER BY record_id")
                .params(type, value)
                .query(this::row)
                .list();
    }

    /** Every entry of a type whose {@code column} is one of {@code values}. */
    List<Entry> byAny(String type, String column, List<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        requireSearchColumn(column);
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM listing_record" + " WHERE record_type = :type AND " + column
                        + " IN (:values) ORDER BY record_id")
                .param("type", type)
                .param("values", values)
                .query(this::row)
                .list();
    }

    /** Every entry of a type, by record id (the projects of a city: tens to hundreds). */
    List<Entry> all(String type, int limit) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM listing_record"
                        + " WHERE record_type = ? ORDER BY record_id FETCH FIRST " + limit + " ROWS ONLY")
                .param(type)
                .query(this::row)
                .list();
    }

    /** How many entries of each type the listing holds. */
    public long count(String type) {
        return jdbc.sql("SELECT COUNT(*) FROM listing_record WHERE record_type = ?")
                .param(type)
                .query(Long.class)
                .single();
    }

    private static final String ENTRY_COLUMNS = "record_type, record_id, version, receipt_id, public_view";
    private static final List<String> SEARCH_COLUMNS =
            List.of("project_id", "building_id", "house_code", "contract_no");

    private Entry row(ResultSet rs, int row) throws SQLException {
        String type = rs.getString(1);
        String id = rs.getString(2);
        try {
            return new Entry(type, id, rs.getInt(3), rs.getString(4), (ObjectNode) json.readTree(rs.getString(5)));
        } catch (IOException e) {
            throw new UncheckedIOException("listing view of " + type + "/" + id + " is not JSON", e);
        }
    }

    private static void requireSearchColumn(String column) {
        if (!SEARCH_COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not a listing column: " + column);
        }
    }

    private static String text(JsonNode view, String field) {
        JsonNode value = view.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String status(String type, JsonNode view) {
        return switch (type) {
            case "UNIT" -> text(view, "saleStatus");
            case "CONTRACT", "FILING" -> text(view, "status");
            default -> null;
        };
    }
}
