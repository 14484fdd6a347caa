package dev.serviceaccounts.web.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Request bodies are strict JSON: a number or boolean is never read into a text field ({@code {"name":1}}
 * is a field error, not the name "1"; Jackson's coercion config, which {@code allow-coercion-of-scalars}
 * does not cover for text), and nothing may follow the JSON value ({@code {}x}: the
 * {@code fail-on-trailing-tokens} setting in each app's configuration file). Applies to the
 * {@link ObjectMapper} that Spring Boot builds in each context. In a servlet app, a {@code Content-Type} that is a
 * media range is taken as none ({@link MediaRangeContentTypeFilter}).
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass(ObjectMapper.class)
public class StrictJsonAutoConfiguration {

    /** Numbers and booleans are not text. */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer noScalarToTextCoercion() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** Ahead of every other filter: nothing downstream may see a media range as the body's type. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class MediaRangeContentType {

        @Bean
        FilterRegistrationBean<MediaRangeContentTypeFilter> mediaRangeContentTypeFilter() {
            FilterRegistrationBean<MediaRangeContentTypeFilter> registration =
                    new FilterRegistrationBean<>(new MediaRangeContentTypeFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
