package org.exchangehub.hub.demo;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import org.exchangehub.adapters.demo.DemoCity;
import org.exchangehub.adapters.demo.DemoCityLoader;
import org.exchangehub.adapters.demo.DemoTraffic;
import org.exchangehub.adapters.simulator.RegistrySimulator;
import org.exchangehub.adapters.simulator.TaxSimulator;
import org.exchangehub.hub.agency.AgencyProperties;
import org.exchangehub.hub.agency.HousingFrontEnd;
import org.exchangehub.hub.security.AgencyTlsConnector;
import org.exchangehub.hub.security.DevelopmentClients;
import org.exchangehub.hub.security.SecurityConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Starts the simulated tax bureau and registry center, loads the demo city into the housing bureau's exchange tables
 * once, and keeps the bureau's business flowing until the hub stops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("hub.demo.enabled")
class DemoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);
    private static final ZoneId CITY_TIME = ZoneId.of("Asia/Shanghai");

    @Bean(initMethod = "start", destroyMethod = "stop")
    TaxSimulator taxSimulator(DemoProperties demo) {
        return new TaxSimulator(demo.taxPort(), null, Clock.system(CITY_TIME));
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    RegistrySimulator registrySimulator(DemoProperties demo) {
        return new RegistrySimulator(demo.registryPort(), null, Clock.system(CITY_TIME));
    }

    @Bean(destroyMethod = "stop")
    DemoTraffic demoTraffic(HousingFrontEnd frontEnd, DemoProperties demo) {
        return new DemoTraffic(frontEnd.dataSource(), demo.settings(), Clock.system(CITY_TIME));
    }

    @Bean
    DemoStart demoStart(
            TaxSimulator tax,
            RegistrySimulator registry,
            HousingFrontEnd frontEnd,
            DemoTraffic traffic,
            DemoProperties demo,
            AgencyProperties agencies,
            SecurityConfiguration.AgencyTrust trust,
            ObjectProvider<AgencyTlsConnector> agencyPort) {
        return new DemoStart(tax, registry, frontEnd, traffic, demo, agencies, trust, agencyPort);
    }

    /** Tells the simulators where the hub listens, then loads the city and starts the traffic once the hub is up. */
    record DemoStart(
            TaxSimulator tax,
            RegistrySimulator registry,
            HousingFrontEnd frontEnd,
            DemoTraffic traffic,
            DemoProperties demo,
            AgencyProperties agencies,
            SecurityConfiguration.AgencyTrust trust,
            ObjectProvider<AgencyTlsConnector> agencyPort) {

        /**
         * The simulated agencies call the hub's agency port with their development client certificates, as real ones
         * would; without that port (or without the development PKI) the plain port and the development header.
         */
        @EventListener
        public void onWebServer(WebServerInitializedEvent event) {
            AgencyTlsConnector tls = agencyPort.getIfAvailable();
            if (tls != null && tls.localPort() > 0 && trust.developmentPki() != null) {
                URI hub = URI.create("https://localhost:" + tls.localPort());
                tax.hubUrl(hub, DevelopmentClients.sslContext(trust.developmentPki(), "tax"));
                registry.hubUrl(hub, DevelopmentClients.sslContext(trust.developmentPki(), "registry"));
                log.info(
                        "Simulated tax and registry call the agency port {} with the client certificates"
                                + " {}/tax/tls-client.p12 and {}/registry/tls-client.p12",
                        hub,
                        trust.developmentPki().toAbsolutePath(),
                        trust.developmentPki().toAbsolutePath());
            } else {
                URI hub = URI.create("http://127.0.0.1:" + event.getWebServer().getPort());
                tax.hubUrl(hub);
                registry.hubUrl(hub);
            }
        }

        @EventListener
        public void onReady(ApplicationReadyEvent event) throws SQLException {
            boolean loaded = new DemoCityLoader(frontEnd.dataSource()).load(DemoCity.generate(demo.settings()));
            log.info(
                    "Demo city (seed {}, {} units) {}; housing front-end database {}, export drop folder {};"
                            + " tax simulator {}, registry simulator {}; {} contracts a minute",
                    demo.seed(),
                    demo.units(),
                    loaded ? "loaded into the exchange tables" : "already loaded",
                    agencies.housing().frontEndUrl(),
                    agencies.housing().dropFolder(),
                    tax.url(),
                    registry.url(),
                    demo.contractsPerMinute());
            traffic.start();
        }
    }
}
