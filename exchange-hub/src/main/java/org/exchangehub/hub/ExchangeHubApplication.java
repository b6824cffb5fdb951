package org.exchangehub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The exchange hub: a Spring Boot application that notarizes and exchanges housing records between agencies. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExchangeHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExchangeHubApplication.class, args);
    }
}
