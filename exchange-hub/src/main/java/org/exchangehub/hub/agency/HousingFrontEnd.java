package org.exchangehub.hub.agency;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The housing bureau's front-end database (前置库): a connection pool of its own, apart from the hub's database. Not a
 * {@code DataSource} bean, so that Spring Boot's own data source stays the hub's.
 */
public final class HousingFrontEnd implements DisposableBean {

    /** The exchange tables' schema, as the adapters module documents it. */
    public static final String SCHEMA = "housing/frontend-schema.sql";

    private final HikariDataSource dataSource;

    HousingFrontEnd(AgencyProperties.Housing housing) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("housing-frontend");
        config.setJdbcUrl(housing.frontEndUrl());
        config.setUsername(housing.frontEndUsername());
        config.setPassword(housing.frontEndPassword());
        config.setMaximumPoolSize(4);
        this.dataSource = new HikariDataSource(config);
        if (housing.createSchema()) {
            createSchema(dataSource);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Creates the exchange tables, the inbox and the funds-release table where they are missing. */
    public static void createSchema(DataSource dataSource) {
        new ResourceDatabasePopulator(new ClassPathResource(SCHEMA)).execute(dataSource);
    }

    @Override
    public void destroy() {
        dataSource.close();
    }
}
