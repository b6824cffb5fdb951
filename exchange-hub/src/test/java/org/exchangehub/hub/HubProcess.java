package org.exchangehub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub in a JVM of its own, on the test's class path (Surefire's manifest jar names every dependency), so that a test
 * can kill it like a crashed server or stop it by a signal like an operator.
 */
public final class HubProcess {

    private HubProcess() {}

    /**
     * Starts the hub with these arguments, its output in {@code log}, and waits until the log shows {@code startedWhen}.
     */
    public static Process start(Path log, String startedWhen, Duration deadline, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                ExchangeHubApplication.class.getName()));
        command.addAll(arguments);
        Process hub = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(deadline)
                .until(() -> !hub.isAlive() || Files.readString(log).contains(startedWhen));
        assertThat(hub.isAlive()).as("the hub started; see %s", log).isTrue();
        return hub;
    }
}
