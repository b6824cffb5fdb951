package org.exchangehub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The exchange hub: a Spring Boot application that notarizes and exchanges housing records between agencies. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExchangeHubApplication {

    /**
     * Starts the hub. {@code java -jar exchange-hub.jar} enters through {@link org.exchangehub.hub.cli.HubCommands}, which
     * runs a command ({@code verify}, {@code bench}, ...) when the first argument names one and calls this otherwise: the
     * application does not know its command line, so that {@code bench}, which starts the application, forms no cycle
     * with it.
     */
    public static void main(String[] args) {
        SignalStop stop = SignalStop.install();
        stop.stops(SpringApplication.run(ExchangeHubApplication.class, args));
    }
}
