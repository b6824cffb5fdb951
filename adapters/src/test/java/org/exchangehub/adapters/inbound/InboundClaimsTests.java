package org.exchangehub.adapters.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Claims of one source by several hub instances on one real (H2) claims table, on a clock the test moves. */
class InboundClaimsTests {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final String SOURCE = "housing-exchange-unit";

    final DataSource database = ClaimsDatabase.h2();
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));

    InboundClaims.Claim instance(String name) {
        return new InboundClaims(database, name, LEASE, clock).claim(SOURCE);
    }

    String holderInTable() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT holder FROM inbound_claim WHERE source = ?")) {
            select.setString(1, SOURCE);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getString(1) : "no row";
            }
        }
    }

    @Nested
    class Hold {

        @Test
        void takesAFreeSourceAndKeepsItWhileItRenews() throws Exception {
            InboundClaims.Claim a = instance("a");
            InboundClaims.Claim b = instance("b");

            assertThat(a.hold()).isTrue();
            for (int i = 0; i < 10; i++) {
                clock.advance(LEASE.dividedBy(2));
                assertThat(a.hold()).as("renewed at %s", clock.instant()).isTrue();
                assertThat(b.hold()).isFalse();
            }
            assertThat(holderInTable()).isEqualTo("a");
        }

        @Test
        void oneOfManyInstancesRacingForAFreeSourceGetsIt() throws Exception {
            int instances = 8;
            ExecutorService threads = Executors.newFixedThreadPool(instances);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> held = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    InboundClaims.Claim claim = instance("racer-" + i);
                    Callable<Boolean> race = () -> {
                        start.await();
                        return claim.hold();
                    };
                    held.add(threads.submit(race));
                }
                start.countDown();
                List<Boolean> outcomes = new ArrayList<>();
                for (Future<Boolean> future : held) {
                    outcomes.add(future.get(30, TimeUnit.SECONDS));
                }
                assertThat(outcomes).containsOnlyOnce(true);
            } finally {
                threads.shutdownNow();
            }
            assertThat(holderInTable()).startsWith("racer-");
        }

        @Test
        void takesOverTheSourceOfAnInstanceThatStoppedRenewingOnceItsLeaseRanOut() throws Exception {
            InboundClaims.Claim dead = instance("dead");
            InboundClaims.Claim live = instance("live");
            assertThat(dead.hold()).isTrue();

            clock.advance(LEASE);
            assertThat(live.hold()).as("the lease lasts to its very end").isFalse();
            clock.advance(Duration.ofMillis(1));
            assertThat(live.hold()).isTrue();

            assertThat(holderInTable()).isEqualTo("live");
        }

        @Test
        void aFormerHolderLearnsAtItsNextHoldThatTheSourceWasTakenOver() {
            InboundClaims.Claim slow = instance("slow");
            InboundClaims.Claim other = instance("other");
            assertThat(slow.hold()).isTrue();
            clock.advance(LEASE.plusSeconds(1));
            assertThat(other.hold()).isTrue();

            assertThat(slow.hold()).isFalse();
            clock.advance(LEASE.dividedBy(2));
            assertThat(other.hold()).isTrue();
            assertThat(slow.hold()).isFalse();
        }

        @Test
        void answersWithoutTheDatabaseWithinAThirdOfTheLease() {
            InboundClaims.Claim a = instance("a");
            assertThat(a.hold()).isTrue();
            // the same holder, taken over by someone who knows better: a still trusts its lease for a third of it
            try (Connection connection = database.getConnection();
                    PreparedStatement steal = connection.prepareStatement(
                            "UPDATE inbound_claim SET holder = 'b', fence = fence + 1 WHERE source = ?")) {
                steal.setString(1, SOURCE);
                steal.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }

            clock.advance(LEASE.dividedBy(3).minusMillis(1));
            assertThat(a.hold()).isTrue();
            clock.advance(Duration.ofMillis(1));
            assertThat(a.hold()).as("renewal found the fence moved").isFalse();
        }

        @Test
        void holdsNothingWhileTheHubsDatabaseCannotAnswer() throws Exception {
            try (Connection connection = database.getConnection();
                    PreparedStatement drop = connection.prepareStatement("DROP TABLE inbound_claim")) {
                drop.execute();
            }

            assertThat(instance("a").hold()).isFalse();
        }
    }

    @Nested
    class Release {

        @Test
        void givesTheSourceBackAtOnce() throws Exception {
            InboundClaims.Claim a = instance("a");
            InboundClaims.Claim b = instance("b");
            assertThat(a.hold()).isTrue();

            a.stop();

            assertThat(holderInTable()).isNull();
            assertThat(b.hold()).isTrue();
            assertThat(a.hold()).isFalse();
        }

        @Test
        void leavesASourceTakenOverSinceToItsNewHolder() throws Exception {
            InboundClaims.Claim a = instance("a");
            InboundClaims.Claim b = instance("b");
            assertThat(a.hold()).isTrue();
            clock.advance(LEASE.plusSeconds(1));
            assertThat(b.hold()).isTrue();

            a.release();

            assertThat(holderInTable()).isEqualTo("b");
        }
    }

    /** A clock the test moves by hand, shared by the instances as hosts share the time. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
