package dev.serviceaccounts.command.config;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request bodies are strict JSON: a number or boolean is never read into a text field ({@code {"name":1}}
 * is a field error, not the name "1"; Jackson's coercion config, which {@code allow-coercion-of-scalars}
 * does not cover for text), and nothing may follow the JSON value ({@code {}x}: the
 * {@code fail-on-trailing-tokens} setting in this app's configuration file).
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration {

    /** Numbers and booleans are not text. */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer noScalarToTextCoercion() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
