package org.exchangehub.hub;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Stops the hub in order on SIGTERM and SIGINT (Ctrl-C) before the JVM begins to shut down, then exits with the JVM's
 * usual code for a stop by signal (143, 130).
 *
 * <p>Why not Spring Boot's own shutdown hook: JVM shutdown hooks run all at once, and H2 registers one that closes
 * every database opened with AUTO_SERVER (it refuses DB_CLOSE_ON_EXIT=FALSE with AUTO_SERVER, which the offline
 * commands need). The database then closed under the routes, scheduled jobs and deliveries that Spring was still
 * stopping ("Database is already closed"). Closing the context first stops them while the database is there; the
 * hooks that run on the exit find nothing left to do. A second signal while stopping ends the JVM at once.
 */
final class SignalStop {

    private static final Logger log = LoggerFactory.getLogger(SignalStop.class);

    private final AtomicReference<ConfigurableApplicationContext> hub = new AtomicReference<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** Handles SIGTERM and SIGINT from now on; the hub to stop is given by {@link #stops} once it runs. */
    static SignalStop install() {
        SignalStop stop = new SignalStop();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), stop::onSignal);
            } catch (IllegalArgumentException e) {
                // the signal is not available here (e.g. reserved by the JVM): the default shutdown path then
                log.debug("SIG{} is not handled: {}", name, e.getMessage());
            }
        }
        return stop;
    }

    void stops(ConfigurableApplicationContext context) {
        hub.set(context);
    }

    private void onSignal(Signal signal) {
        int exitCode = 128 + signal.getNumber();
        if (!stopping.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(exitCode);
        }
        // The JVM runs a signal handler on a daemon thread: once the context had stopped the web server's threads, the
        // last non-daemon thread ended and the JVM exited with 0 before this handler reached System.exit (a loaded CI
        // run showed it). A non-daemon thread of our own keeps the JVM until the exit code is the signal's.
        Thread stopper = new Thread(
                () -> {
                    ConfigurableApplicationContext context = hub.get();
                    if (context != null) {
                        log.info("SIG{}: stopping the hub", signal.getName());
                        context.close();
                    }
                    System.exit(exitCode);
                },
                "hub-stop");
        stopper.setDaemon(false);
        stopper.start();
    }
}
