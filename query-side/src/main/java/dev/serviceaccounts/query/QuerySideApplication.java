package dev.serviceaccounts.query;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The query side: projections, query API, token endpoint and JWKS (docs/design.md §2, §6). Default port 8080.
 * Its configuration file is {@code query-side.yml}, so that it can share a JVM with the command side.
 * Spring Boot's own Spring Authorization Server configuration is off: it would make an RSA key and endpoints of its
 * own; the token endpoint's design is chosen by {@code service-accounts.token-endpoint} (docs/decisions.md D29).
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration"})
@ConfigurationPropertiesScan
public class QuerySideApplication {

    /** Name of this app's configuration file ({@code spring.config.name}). */
    public static final String CONFIG_NAME = "query-side";

    /** Starts the query side on its own. */
    public static void main(String[] args) {
        application().run(args);
    }

    /** @return a {@link SpringApplication} of this side, reading {@value #CONFIG_NAME}.yml */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(QuerySideApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
