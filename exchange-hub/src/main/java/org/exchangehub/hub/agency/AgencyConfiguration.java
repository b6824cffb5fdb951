package org.exchangehub.hub.agency;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.exchangehub.adapters.housing.HousingInboundRoutes;
import org.exchangehub.adapters.housing.HousingOutboundRoute;
import org.exchangehub.adapters.housing.HousingOutboundSettings;
import org.exchangehub.adapters.housing.HousingSettings;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.inbound.InboundClaims;
import org.exchangehub.adapters.outbound.PushSettings;
import org.exchangehub.adapters.portal.PortalOutboundRoute;
import org.exchangehub.adapters.portal.PortalOutboundSettings;
import org.exchangehub.adapters.registry.RegistryOutboundRoute;
import org.exchangehub.adapters.tax.TaxOutboundRoute;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects the agencies configured under {@code hub.agencies.*}: each agency's Camel routes from the adapters module,
 * as beans Camel picks up. An agency left unconfigured gets no routes.
 */
@Configuration(proxyBeanMethods = false)
class AgencyConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${hub.agencies.housing.front-end-url:}' != ''")
    static class Housing {

        @Bean
        HousingFrontEnd housingFrontEnd(AgencyProperties agencies) {
            return new HousingFrontEnd(agencies.housing());
        }

        /** Which instance reads each exchange table and export format now (ADR 12), in the hub's database. */
        @Bean
        InboundClaims housingInboundClaims(AgencyProperties agencies, DataSource hubDatabase) {
            return InboundClaims.of(hubDatabase, agencies.housing().claimLease());
        }

        @Bean
        HousingInboundRoutes housingInboundRoutes(
                AgencyProperties agencies,
                HousingFrontEnd frontEnd,
                DataSource hubDatabase,
                InboundClaims housingInboundClaims,
                @Value("${hub.data-dir}") Path dataDir) {
            AgencyProperties.Housing housing = agencies.housing();
            Path drop = housing.dropFolder() != null ? housing.dropFolder() : dataDir.resolve("housing-drop");
            JdbcMessageIdRepository seen = new JdbcMessageIdRepository(hubDatabase, "housing-inbound");
            seen.setCreateTableIfNotExists(false);
            HousingSettings settings = new HousingSettings(
                    frontEnd.dataSource(),
                    housing.pollDelay(),
                    housing.maxRowsPerPoll(),
                    drop.resolve("inbox"),
                    drop.resolve("done"),
                    drop.resolve("error"),
                    housing.pollDelay(),
                    housing.minFileAge(),
                    seen,
                    housingInboundClaims,
                    HubEndpoints.PUBLISH);
            return new HousingInboundRoutes(settings);
        }

        @Bean
        HousingOutboundRoute housingOutboundRoute(HousingFrontEnd frontEnd) {
            return new HousingOutboundRoute(HousingOutboundSettings.of(frontEnd.dataSource()));
        }
    }

    @Bean
    @ConditionalOnProperty("hub.agencies.tax.url")
    TaxOutboundRoute taxOutboundRoute(AgencyProperties agencies) {
        AgencyProperties.Http tax = agencies.tax();
        return new TaxOutboundRoute(PushSettings.of(TaxOutboundRoute.AGENCY, tax.url())
                .withTimeouts(tax.connectTimeout(), tax.readTimeout()));
    }

    @Bean
    @ConditionalOnProperty("hub.agencies.registry.url")
    RegistryOutboundRoute registryOutboundRoute(AgencyProperties agencies) {
        AgencyProperties.Http registry = agencies.registry();
        return new RegistryOutboundRoute(PushSettings.of(RegistryOutboundRoute.AGENCY, registry.url())
                .withTimeouts(registry.connectTimeout(), registry.readTimeout()));
    }

    @Bean
    @ConditionalOnProperty(value = "hub.agencies.portal.enabled", matchIfMissing = true)
    PortalOutboundRoute portalOutboundRoute() {
        return new PortalOutboundRoute(PortalOutboundSettings.defaults());
    }
}
