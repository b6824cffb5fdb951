package org.exchangehub.hub;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.exchangehub.hub.cli.HubCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The exchange hub: a Spring Boot application that notarizes and exchanges housing records between agencies. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExchangeHubApplication {

    /** Starts the hub, or runs a command ({@code verify}, {@code bench}) when the first argument names one. */
    public static void main(String[] args) {
        if (args.length > 0 && HubCommands.NAMES.contains(args[0])) {
            HubCommands.logToStandardError();
            System.exit(HubCommands.run(
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                    args));
        }
        SignalStop stop = SignalStop.install();
        stop.stops(SpringApplication.run(ExchangeHubApplication.class, args));
    }
}
