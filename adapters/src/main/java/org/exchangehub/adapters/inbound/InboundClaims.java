package org.exchangehub.adapters.inbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which hub instance reads an inbound source now: a lease per source (an exchange table, or one export format's files
 * in a drop folder) in the hub's own database, table {@code inbound_claim}, which every instance shares (ADR 12).
 *
 * <p>One instance at a time per source, not one row or file each, because a source is read in order (XH order, file
 * name order, record order in a file) and two readers of one source would publish a record's later row before its
 * earlier one. The holder renews the lease while it works; when it dies the lease runs out and another instance takes
 * the source over, re-reading what the dead one left unfinished (its rows still NEW, its file still in the inbox),
 * which the hub answers with the versions it made before (ADR 7). Lease times are this host's clock: hosts' clocks
 * must agree to well within a lease, as for the delivery cursors.
 */
public final class InboundClaims {

    private static final Logger log = LoggerFactory.getLogger(InboundClaims.class);

    private final DataSource hubDatabase;
    private final String holder;
    private final Duration lease;
    private final Clock clock;

    /**
     * @param hubDatabase the hub's database, with the {@code inbound_claim} table
     * @param holder names this hub instance in the table; unique per running instance
     * @param lease how long a claim lasts without renewal: the delay before a dead instance's source is taken over
     * @param clock the time the leases are written in
     */
    public InboundClaims(DataSource hubDatabase, String holder, Duration lease, Clock clock) {
        this.hubDatabase = Objects.requireNonNull(hubDatabase, "hubDatabase");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lease == null || lease.toMillis() < 3) {
            throw new IllegalArgumentException("lease must be at least 3 ms: " + lease);
        }
        if (holder.isBlank() || holder.length() > 200) {
            throw new IllegalArgumentException("holder must be 1 to 200 characters: " + holder);
        }
        this.lease = lease;
    }

    /** Claims held as {@code <host>/<pid>/<random>}, so an operator reading the table sees which instance reads. */
    public static InboundClaims of(DataSource hubDatabase, Duration lease) {
        return new InboundClaims(hubDatabase, instanceName(), lease, Clock.systemUTC());
    }

    static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String name = host + "/" + ProcessHandle.current().pid() + "/"
                + HexFormat.of().formatHex(random);
        return name.length() <= 200 ? name : name.substring(name.length() - 200);
    }

    public String holder() {
        return holder;
    }

    public Duration lease() {
        return lease;
    }

    /** This instance's claim of one source (a route id such as {@code housing-exchange-unit}); nothing taken yet. */
    Claim claim(String source) {
        return new Claim(source);
    }

    /**
     * One source's claim as this instance sees it. {@link #hold()} before each unit of work; a Camel service, so the
     * context's stop gives the source back at once rather than after the lease.
     */
    final class Claim implements Service {

        private final String source;
        // the fence of the lease this instance took (bumped by every take-over), 0 while not held
        private long fence;
        // when the lease was last written, by this host's clock, taken before the write: the lease surely lasts
        // until renewedAt + lease
        private Instant renewedAt = Instant.MIN;

        private Claim(String source) {
            this.source = source;
        }

        String source() {
            return source;
        }

        /**
         * Whether this instance holds the source for at least two thirds of a lease from now: takes it when it is
         * free or its lease ran out, renews it once a third of the lease has passed. False when another instance
         * holds it, or when the hub's database cannot say (then nothing is read: better late than twice).
         */
        synchronized boolean hold() {
            Instant now = clock.instant();
            if (fence != 0 && now.isBefore(renewedAt.plus(lease.dividedBy(3)))) {
                return true;
            }
            try (Connection connection = hubDatabase.getConnection()) {
                if (fence != 0 && renew(connection, now)) {
                    return true;
                }
                if (fence != 0) {
                    log.warn("{}: the claim of {} ran out and another instance took it", holder, source);
                    fence = 0;
                }
                return take(connection, now);
            } catch (SQLException e) {
                log.warn("{}: cannot reach the claim of {}, not reading it now: {}", holder, source, e.toString());
                fence = 0;
                return false;
            }
        }

        /** Gives the source back (at a stop), so another instance need not wait for the lease to run out. */
        synchronized void release() {
            if (fence == 0) {
                return;
            }
            try (Connection connection = hubDatabase.getConnection();
                    PreparedStatement update = connection.prepareStatement("UPDATE inbound_claim SET holder = NULL,"
                            + " lease_until = NULL WHERE source = ? AND holder = ? AND fence = ?")) {
                update.setString(1, source);
                update.setString(2, holder);
                update.setLong(3, fence);
                update.executeUpdate();
            } catch (SQLException e) {
                log.warn("{}: cannot give back {}, free after its lease: {}", holder, source, e.toString());
            } finally {
                fence = 0;
            }
        }

        private boolean renew(Connection connection, Instant now) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inbound_claim SET lease_until = ? WHERE source = ? AND holder = ? AND fence = ?")) {
                update.setObject(1, utc(now.plus(lease)));
                update.setString(2, source);
                update.setString(3, holder);
                update.setLong(4, fence);
                if (update.executeUpdate() == 1) {
                    renewedAt = now;
                    return true;
                }
                return false;
            }
        }

        /** One conditional update (or the first insert): of instances racing for a free source exactly one wins. */
        private boolean take(Connection connection, Instant now) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inbound_claim SET holder = ?, lease_until = ?, fence = fence + 1"
                            + " WHERE source = ? AND (holder IS NULL OR lease_until < ? OR holder = ?)")) {
                // holder = this instance: its own lease, whose fence it forgot when the database failed it
                update.setString(1, holder);
                update.setObject(2, utc(now.plus(lease)));
                update.setString(3, source);
                update.setObject(4, utc(now));
                update.setString(5, holder);
                if (update.executeUpdate() == 1) {
                    return tookFence(connection, now);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO inbound_claim (source, holder, lease_until, fence) VALUES (?, ?, ?, 1)")) {
                insert.setString(1, source);
                insert.setString(2, holder);
                insert.setObject(3, utc(now.plus(lease)));
                insert.executeUpdate();
                fence = 1;
                renewedAt = now;
                log.info("{}: claimed {}", holder, source);
                return true;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false; // the source has a claim row: another instance holds it
                }
                throw e;
            }
        }

        private boolean tookFence(Connection connection, Instant now) throws SQLException {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT fence FROM inbound_claim WHERE source = ? AND holder = ?")) {
                select.setString(1, source);
                select.setString(2, holder);
                try (ResultSet result = select.executeQuery()) {
                    if (!result.next()) {
                        return false; // taken, and already taken over again since: not ours
                    }
                    fence = result.getLong(1);
                    renewedAt = now;
                    log.info("{}: claimed {} (take-over {})", holder, source, fence);
                    return true;
                }
            }
        }

        @Override
        public void start() {}

        @Override
        public void stop() {
            release();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
