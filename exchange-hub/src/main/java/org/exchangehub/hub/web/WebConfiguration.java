package org.exchangehub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The pages' language: Chinese unless the visitor chose English with {@code ?lang=en} (back with {@code ?lang=zh}); the
 * choice is kept in a cookie. Only these two languages exist, so any other request falls back to Chinese.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final String LANGUAGE_PARAMETER = "lang";
    static final String LANGUAGE_COOKIE = "hub-lang";

    @Bean
    LocaleResolver localeResolver() {
        return new TwoLanguages();
    }

    /**
     * Switches off the resource-URL rewriting filter that Thymeleaf's auto-configuration adds when a webjars locator is
     * on the classpath (springdoc's): it looked every link of a page up as a static resource on the class path, and a
     * miss is not cached, so a 销控表 of 150 unit links spent most of its time scanning jars (80 ms of a 100 ms page).
     * No resource versioning strategy is configured, so there is nothing for it to rewrite.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Multipart bodies are read when a handler asks for a part, not before the request is dispatched: a POST that says
     * it is multipart but is not (no boundary, a broken body) then fails inside the handler, where the pages' and the
     * API's error handlers answer it (400), instead of in the dispatcher before any handler is chosen, where no handler
     * of this hub's applies and the answer was a 500. Boot's own resolver backs off for this bean; the size limits stay
     * {@code spring.servlet.multipart.*}.
     */
    @Bean
    MultipartResolver multipartResolver() {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver();
        resolver.setResolveLazily(true);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(LANGUAGE_PARAMETER);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).excludePathPatterns("/api/**", "/actuator/**", "/v3/**");
    }

    /** Chinese (the default) or English, whatever was asked for, kept in {@value #LANGUAGE_COOKIE}. */
    static Locale supported(Locale wanted) {
        return wanted != null && "en".equals(wanted.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    /** A cookie locale resolver that knows only the two languages the pages are written in. */
    static final class TwoLanguages extends CookieLocaleResolver {

        TwoLanguages() {
            super(LANGUAGE_COOKIE);
            setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
            setCookieMaxAge(Duration.ofDays(365));
            setCookieHttpOnly(true);
            setRejectInvalidCookies(true);
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return supported(super.resolveLocale(request));
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            super.setLocale(request, response, locale == null ? null : supported(locale));
        }
    }
}
