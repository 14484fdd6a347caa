package dev.serviceaccounts.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The command side: admin command API (docs/design.md §5), aggregates and the event store. Default port 8081.
 * Its configuration file is {@code command-side.yml}, so that it can share a JVM with the query side.
 * Spring Boot's Spring Authorization Server configuration is off: in the one-JVM launcher the query side's copy of
 * that library is on this app's class path too, and this side issues no tokens.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration"})
@ConfigurationPropertiesScan
public class CommandSideApplication {

    /** Name of this app's configuration file ({@code spring.config.name}). */
    public static final String CONFIG_NAME = "command-side";

    /** Starts the command side on its own. */
    public static void main(String[] args) {
        application().run(args);
    }

    /** @return a {@link SpringApplication} of this side, reading {@value #CONFIG_NAME}.yml */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(CommandSideApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
