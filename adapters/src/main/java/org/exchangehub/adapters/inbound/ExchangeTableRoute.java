package org.exchangehub.adapters.inbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.PublishResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the NEW rows of one exchange table in XH order and writes each row's outcome back: DONE with receipt id
 * and version, or FAILED with the reason; when the hub cannot decide, the row stays NEW and the poll stops.
 *
 * <p>Routes: {@code <agency>-exchange-<type>} (a timer polling the table, e.g. {@code housing-exchange-contract}) and
 * {@code <agency>-exchange-<type>-record} (one row: idempotent consumer, mapping, publish, outcome).
 *
 * <p>A timer with plain JDBC rather than the camel-sql consumer, because a row has three outcomes and one of them
 * ("the hub could not decide") must leave the row untouched and stop the rest of the batch to keep the order;
 * camel-sql's onConsume/onConsumeFailed know two outcomes and go on with the batch.
 *
 * <p>Idempotency (key {@code <table>#<XH>}, non-eager): a key enters the repository only after the row's DONE or
 * FAILED was written. A row found NEW whose key is known was therefore processed before and then set back to NEW
 * (a restored backup, a hand-made reset): it is not published again but marked DONE with CLJG {@code
 * ALREADY_PROCESSED: ...}, keeping HZBH and BBH as they are. To publish changed content, the agency writes a new
 * row. If a table is ever re-created and XH restarts from 1, its keys must be removed from the repository.
 *
 * <p>Several hub instances: a poll reads the table only while this instance holds the table's claim ({@link
 * InboundClaims}, source = the polling route's id), checked again before each row, so one instance at a time
 * publishes a table's rows and in XH order. An instance that dies mid-poll leaves its rows NEW; the next holder
 * publishes them again and the hub answers with the versions made before (ADR 7, ADR 12).
 */
public final class ExchangeTableRoute extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(ExchangeTableRoute.class);

    /** The width of CLJG in every exchange table. */
    static final int REASON_LENGTH = 2000;

    private final ExchangeTableSettings settings;
    private final ExchangeTable table;
    private final String routeId;
    private final RecordPublication publication;
    private final RecordOutcome rowOutcome = new RowOutcome();
    private final InboundClaims.Claim claim;

    public ExchangeTableRoute(ExchangeTableSettings settings, ExchangeTable table) {
        this.settings = settings;
        this.table = table;
        this.routeId = settings.agency() + "-exchange-"
                + table.mapping().recordType().toLowerCase(Locale.ROOT).replace('_', '-');
        this.publication = new RecordPublication(
                routeId + "-record", settings.agency(), settings.publishUri(), settings.idempotentRepository());
        this.claim = settings.claims().claim(routeId);
    }

    /** The id of the polling route, e.g. {@code housing-exchange-contract}. */
    public String routeId() {
        return routeId;
    }

    @Override
    public void configure() throws Exception {
        publication.defineRoute(this);
        // stopped with the context, after the routes: gives the table back for another instance at once
        getContext().addService(claim, true, true);
        from("timer:" + routeId + "?delay=" + settings.pollDelay().toMillis() + "&period="
                        + settings.pollDelay().toMillis())
                .routeId(routeId)
                .process(exchange -> {
                    try (ProducerTemplate template = exchange.getContext().createProducerTemplate()) {
                        poll(template, exchange.getContext());
                    }
                });
    }

    private void poll(ProducerTemplate template, CamelContext camel) {
        if (!claim.hold()) {
            return; // another instance polls this table now
        }
        List<Map<String, Object>> rows;
        try {
            rows = newRows();
        } catch (SQLException e) {
            log.warn("{}: cannot read {}, trying again on the next poll: {}", routeId, table.name(), e.toString());
            return;
        }
        for (Map<String, Object> row : rows) {
            if (camel.isStopping()) {
                // a shutdown waits for this poll: leave the rest NEW for the next start instead of a whole batch
                return;
            }
            if (!claim.hold()) {
                // another instance took the table over (this one was too slow to renew): it reads the rest in order
                log.warn(
                        "{}: lost the claim of {}, leaving the rest of this poll to its holder", routeId, table.name());
                return;
            }
            NativeRecord record = new NativeRecord(table.name() + "#" + row.get("XH"), table.mapping(), row);
            try {
                publication.publish(template, record, record.sourceRef(), rowOutcome);
            } catch (RecordPublication.HubUndecidedException e) {
                log.warn(
                        "{}: {} stays NEW and this poll stops, to keep the order: {}",
                        routeId,
                        record.sourceRef(),
                        e.getMessage());
                return;
            }
        }
    }

    private List<Map<String, Object>> newRows() throws SQLException {
        String sql = "SELECT * FROM " + table.name() + " WHERE CLZT = 'NEW' ORDER BY XH";
        try (Connection connection = settings.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setMaxRows(settings.maxRowsPerPoll());
            try (ResultSet result = select.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        // PostgreSQL reports unquoted names in lower case, H2 in upper case: the mappings use upper.
                        row.put(columns.getColumnLabel(i).toUpperCase(Locale.ROOT), result.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private void update(NativeRecord record, String assignments, Object... values) {
        // Only a NEW row is written, so a row someone else already finished keeps its outcome.
        String sql = "UPDATE " + table.name() + " SET " + assignments + ", CLSJ = CURRENT_TIMESTAMP"
                + " WHERE XH = ? AND CLZT = 'NEW'";
        try (Connection connection = settings.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.setObject(values.length + 1, record.fields().get("XH"));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the outcome of " + record.sourceRef(), e);
        }
    }

    private static String truncated(String reason) {
        return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH - 1) + "…";
    }

    private final class RowOutcome implements RecordOutcome {

        @Override
        public void published(NativeRecord record, PublishResult result) {
            update(record, "CLZT = 'DONE', CLJG = NULL, HZBH = ?, BBH = ?", result.receiptId(), result.version());
        }

        @Override
        public void rejected(NativeRecord record, String reason) {
            update(record, "CLZT = 'FAILED', CLJG = ?", truncated(reason));
        }

        @Override
        public void alreadyProcessed(NativeRecord record) {
            update(
                    record,
                    "CLZT = 'DONE', CLJG = ?",
                    "ALREADY_PROCESSED: " + record.sourceRef() + " was processed before; not published again");
        }
    }
}
