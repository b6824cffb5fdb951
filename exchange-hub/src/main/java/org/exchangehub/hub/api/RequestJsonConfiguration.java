package org.exchangehub.hub.api;

import java.lang.reflect.Type;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies in JSON are read by {@link RequestJson}, first among Spring MVC's converters; answers are still written
 * by Spring Boot's own converter (which this one never claims).
 */
@Configuration(proxyBeanMethods = false)
class RequestJsonConfiguration implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, new RequestJsonConverter());
    }

    /** Reads with {@link RequestJson}'s mapper; writes nothing. */
    static final class RequestJsonConverter extends MappingJackson2HttpMessageConverter {

        RequestJsonConverter() {
            super(RequestJson.mapper());
        }

        @Override
        public boolean canWrite(Class<?> clazz, MediaType mediaType) {
            return false;
        }

        @Override
        public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
            return false;
        }
    }
}
