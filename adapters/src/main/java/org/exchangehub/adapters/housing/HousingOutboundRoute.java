package org.exchangehub.adapters.housing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the hub delivers to housing (TAX_CLEARANCE, REGISTRATION) into the front-end database: one HUB_INBOX
 * row per delivery id and, for a REGISTERED registration, one FUNDS_RELEASE row per contract (登记完成-资金划转), both
 * in one transaction, so a repeated delivery or a new version of a registration releases nothing twice.
 */
public class HousingOutboundRoute extends RouteBuilder {

    /** The receiver name. */
    public static final String RECEIVER = "housing";

    public static final String ROUTE_ID = "housing-outbound";

    private static final Logger log = LoggerFactory.getLogger(HousingOutboundRoute.class);

    /** SQLSTATE class 23: integrity constraint violation, the same on H2 and PostgreSQL. */
    private static final String INTEGRITY_VIOLATION = "23";

    private final HousingOutboundSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    public HousingOutboundRoute(HousingOutboundSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void configure() {
        // a failure goes back to the hub's dispatcher, which retries it and keeps the error; Camel's handler would
        // only log each failed attempt once more
        errorHandler(noErrorHandler());
        from(settings.deliverUri()).routeId(ROUTE_ID).process(this::receive);
    }

    private void receive(Exchange exchange) throws Exception {
        Delivery delivery = exchange.getMessage().getMandatoryBody(Delivery.class);
        try (Connection connection = settings.frontEndDatabase().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                boolean stored = store(connection, delivery);
                connection.commit();
                exchange.getMessage().setBody(stored);
            } catch (Exception e) {
                connection.rollback();
                if (!(e instanceof SQLException sql && isIntegrityViolation(sql))
                        || !received(connection, delivery.deliveryId())) {
                    throw e;
                }
                // a concurrent attempt of the same delivery committed first: it is delivered
                exchange.getMessage().setBody(false);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** @return false when the delivery id was there already, so nothing was written */
    private boolean store(Connection connection, Delivery delivery) throws Exception {
        if (received(connection, delivery.deliveryId())) {
            log.debug("Delivery {} is in HUB_INBOX already; nothing to do", delivery.deliveryId());
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO HUB_INBOX (DELIVERY_ID, SJLX, YWBH, BBH, SJNR, HZ) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, delivery.deliveryId());
            insert.setString(2, delivery.type());
            insert.setString(3, delivery.id());
            insert.setInt(4, delivery.version());
            insert.setString(5, json.writeValueAsString(delivery.record()));
            insert.setString(6, json.writeValueAsString(delivery.receipt()));
            insert.executeUpdate();
        }
        if ("REGISTRATION".equals(delivery.type())
                && "REGISTERED".equals(delivery.payload().path("result").asText())) {
            releaseFunds(connection, delivery);
        }
        return true;
    }

    private void releaseFunds(Connection connection, Delivery delivery) throws SQLException {
        JsonNode registration = delivery.payload();
        String contractNo = registration.path("contractNo").asText();
        try (PreparedStatement existing = connection.prepareStatement("SELECT 1 FROM FUNDS_RELEASE WHERE HTBH = ?")) {
            existing.setString(1, contractNo);
            try (ResultSet row = existing.executeQuery()) {
                if (row.next()) {
                    log.info(
                            "Funds of contract {} were released already; registration {} v{} changes nothing",
                            contractNo,
                            delivery.id(),
                            delivery.version());
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO FUNDS_RELEASE (HTBH, BDCQZH, FWBM, DJRQ, DELIVERY_ID) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, contractNo);
            insert.setString(2, registration.path("certificateNo").asText());
            insert.setString(3, registration.path("houseCode").asText());
            insert.setDate(
                    4,
                    Date.valueOf(
                            LocalDate.parse(registration.path("registeredDate").asText())));
            insert.setString(5, delivery.deliveryId());
            insert.executeUpdate();
        }
        log.info("Registration {} of contract {}: funds release notified", delivery.id(), contractNo);
    }

    private static boolean received(Connection connection, String deliveryId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM HUB_INBOX WHERE DELIVERY_ID = ?")) {
            query.setString(1, deliveryId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static boolean isIntegrityViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION);
    }
}
