package org.exchangehub.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.hub.api.AgencyResolver;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.api.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Agencies: identified by {@link AgencyIdentityFilter} (client certificate, or the development
 * header), their rights decided per record type by the access policy in the API itself. Operators: a login (form for
 * the pages under {@code /ops}, HTTP Basic for the operator API) for deliveries, dead letters, the audit log, the
 * policy, the ledger check and the actuator beyond health. Everyone else: the public pages and portal interfaces, rate-limited per
 * address. Refusals are 401/403 {@code application/problem+json} on the API, a redirect to the login page on pages,
 * and are audited (the audit filter runs first).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(HubSecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** The operator API and pages. */
    static final String[] OPERATOR_PATHS = {
        "/ops/**",
        "/api/v1/deliveries/**",
        "/api/v1/dead-letters/**",
        "/api/v1/audit/**",
        "/api/v1/ledger/**",
        "/api/v1/policy",
        "/actuator/**"
    };

    static final String OPERATOR_ROLE = "OPERATOR";

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http) throws Exception {
        RequestMatcher api =
                request -> path(request).startsWith("/api/") || path(request).startsWith("/actuator");
        AuthenticationEntryPoint apiLogin = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"exchange-hub operators\"");
            Problems.write(
                    request,
                    response,
                    ApiProblem.OPERATOR_LOGIN_REQUIRED,
                    request.getRequestURI() + " is for operators: log in (HTTP Basic on the API)");
        };
        AccessDeniedHandler denied = (request, response, e) -> {
            if (api.matches(request)) {
                Problems.write(
                        request, response, ApiProblem.OPERATOR_ONLY, request.getRequestURI() + " is for operators");
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            }
        };
        http.csrf(csrf -> csrf.ignoringRequestMatchers(api))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers(OPERATOR_PATHS)
                        .hasRole(OPERATOR_ROLE)
                        .anyRequest()
                        .permitAll())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/ops", false)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"))
                .httpBasic(basic -> basic.authenticationEntryPoint(apiLogin))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(apiLogin, api)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                        .accessDeniedHandler(denied))
                .headers(Customizer.withDefaults())
                .addFilterAfter(new OperatorMarker(), AuthorizationFilter.class);
        return http.build();
    }

    /** The one operator account, its password configured or generated into the data directory. */
    @Bean
    UserDetailsService operators(
            HubSecurityProperties properties, @Value("${hub.data-dir}") Path dataDir, PasswordEncoder encoder) {
        // an encoded password names its encoding first, e.g. {bcrypt}$2a$10$…
        String password = OperatorAccount.password(properties.operator().password(), dataDir);
        String encoded = password.startsWith("{") ? password : encoder.encode(password);
        return new InMemoryUserDetailsManager(
                User.withUsername(properties.operator().username())
                        .password(encoded)
                        .roles(OPERATOR_ROLE)
                        .build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The agency CA(s), server certificate and CRL: configured, or the development PKI's. */
    @Bean
    AgencyTrust agencyTrust(HubSecurityProperties properties, @Value("${hub.data-dir}") Path dataDir) {
        HubSecurityProperties.AgencyTls tls = properties.agencyTls();
        boolean development = tls.clientCa() == null || tls.certificate() == null || tls.privateKey() == null;
        Path pki = development ? DevelopmentPkiDirectory.of(dataDir) : null;
        Path clientCa = tls.clientCa() != null ? tls.clientCa() : pki.resolve("ca/ca.crt");
        Path crl = tls.crl() != null ? tls.crl() : (development ? DevelopmentCrl.ensure(pki) : null);
        if (crl == null) {
            log.warn("hub.security.agency-tls.crl is not set: agency certificates are not checked for revocation");
        }
        return new AgencyTrust(
                tls.certificate() != null ? tls.certificate() : pki.resolve("hub/tls-server.crt"),
                tls.privateKey() != null ? tls.privateKey() : pki.resolve("hub/tls-server.key"),
                clientCa,
                crl,
                Pem.readCertificates(clientCa),
                development ? pki : null);
    }

    /** Where the agency port's material is. */
    public record AgencyTrust(
            Path certificate,
            Path privateKey,
            Path clientCa,
            Path crl,
            List<X509Certificate> authorities,
            Path developmentPki) {}

    @Bean
    ClientCertificates clientCertificates(AgencyTrust trust, HubSecurityProperties properties) {
        return new ClientCertificates(
                trust.authorities(), trust.crl(), properties.agencyTls().subjects());
    }

    @Bean
    @ConditionalOnProperty(name = "hub.security.agency-tls.enabled", havingValue = "true", matchIfMissing = true)
    AgencyTlsConnector agencyTlsConnector(AgencyTrust trust, HubSecurityProperties properties) {
        if (trust.developmentPki() != null) {
            log.warn(
                    "Agency port {} uses the THROW-AWAY development PKI in {}: agencies connect with"
                            + " <party>/tls-client.p12 from there (password in password.txt), trusting ca/ca.crt",
                    properties.agencyTls().port(),
                    trust.developmentPki().toAbsolutePath());
        }
        return new AgencyTlsConnector(
                properties.agencyTls().port(), trust.certificate(), trust.privateKey(), trust.clientCa());
    }

    @Bean
    FilterRegistrationBean<AgencyIdentityFilter> agencyIdentityFilter(
            ClientCertificates certificates, @Value("${hub.dev.agency-header:false}") boolean headerAllowed) {
        if (headerAllowed) {
            log.warn(
                    "hub.dev.agency-header=true: anyone who reaches the hub may name any agency in {}",
                    AgencyResolver.HEADER);
        }
        FilterRegistrationBean<AgencyIdentityFilter> registration =
                new FilterRegistrationBean<>(new AgencyIdentityFilter(certificates, headerAllowed));
        registration.setOrder(AgencyIdentityFilter.ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<PublicRateLimiter> publicRateLimiter(HubSecurityProperties properties) {
        log.info("Public paths: at most {} requests a minute per client address", properties.publicRequestsPerMinute());
        FilterRegistrationBean<PublicRateLimiter> registration = new FilterRegistrationBean<>(
                new PublicRateLimiter(properties.publicRequestsPerMinute(), Clock.systemUTC()));
        registration.setOrder(PublicRateLimiter.ORDER);
        return registration;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Marks the request with the logged-in operator's name, for the audit log (which runs outside this chain). */
    static final class OperatorMarker extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
                request.setAttribute(AgencyResolver.OPERATOR_ATTRIBUTE, auth.getName());
            }
            chain.doFilter(request, response);
        }
    }
}
