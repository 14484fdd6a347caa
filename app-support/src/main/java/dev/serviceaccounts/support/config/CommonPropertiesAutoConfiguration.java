package dev.serviceaccounts.support.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds {@link CommonProperties} in each app's context. */
@AutoConfiguration
@EnableConfigurationProperties(CommonProperties.class)
public class CommonPropertiesAutoConfiguration {
}
