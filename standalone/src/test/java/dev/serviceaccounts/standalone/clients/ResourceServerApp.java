package dev.serviceaccounts.standalone.clients;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.ServiceAccountsSystem;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's API as Spring Boot makes it from {@code spring-boot-starter-web} and
 * {@code spring-boot-starter-oauth2-resource-server}, with Spring Boot's default security (every request needs a
 * token) and one endpoint, {@code GET /whoami}: the token's name and authorities. The test classpath also holds our
 * own apps (Axon, MongoDB), so this app names the starters' auto-configurations instead of taking all there are.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class})
@RestController
class ResourceServerApp {

    /** @return {@code {name, authorities}} of the request's token */
    @GetMapping("/whoami")
    Map<String, Object> whoami(Authentication authentication) {
        return Map.of("name", authentication.getName(), "authorities",
                authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
    }

    /**
     * Starts the app on a random port with {@code properties} (a README block's) and the configuration classes
     * {@code configuration}, logging where the test system logs (logging is one per JVM). The caller closes it.
     */
    static ConfigurableApplicationContext start(TestSystem system, Map<String, String> properties,
                                                Class<?>... configuration) {
        Map<String, Object> all = new HashMap<>();
        TestSystem.settings(system.dataDirectory()).forEach((key, value) -> {
            if (key.startsWith("logging.")) {
                all.put(key, value);
            }
        });
        all.put("spring.config.name", "resource-server-of-a-client");
        all.put("server.port", "0");
        all.putAll(properties);
        Class<?>[] sources = new Class<?>[configuration.length + 1];
        sources[0] = ResourceServerApp.class;
        System.arraycopy(configuration, 0, sources, 1, configuration.length);
        return new SpringApplicationBuilder(sources).properties(all).registerShutdownHook(false).run();
    }

    /** @return the app's base URL */
    static String url(ConfigurableApplicationContext app) {
        return ServiceAccountsSystem.url(app);
    }

    /** @return the {@code authorities} of a {@code /whoami} answer */
    static List<String> authorities(JsonNode whoami) {
        List<String> authorities = new ArrayList<>();
        whoami.get("authorities").forEach(authority -> authorities.add(authority.asText()));
        return authorities;
    }
}
