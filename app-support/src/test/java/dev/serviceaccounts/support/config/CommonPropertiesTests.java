package dev.serviceaccounts.support.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The common settings as Spring Boot binds them at start: one normalised issuer for both sides. */
class CommonPropertiesTests {

    @Test
    void bindWhenIssuerHasTrailingSlashThenNormalised() {
        assertThat(bind(Map.of("service-accounts.issuer", "http://localhost:8080/")).issuer())
                .hasToString("http://localhost:8080");
    }

    @Test
    void bindWhenIssuerUnsetThenDefault() {
        assertThat(bind(Map.of()).issuer()).hasToString("http://localhost:8080");
    }

    @Test
    void bindWhenIssuerHasQueryThenStartRefusedSayingWhy() {
        assertThatExceptionOfType(BindException.class)
                .isThrownBy(() -> bind(Map.of("service-accounts.issuer", "https://id.example.com/?tenant=1")))
                .havingRootCause()
                .withMessageContaining("service-accounts.issuer (SA_ISSUER) must be")
                .withMessageContaining("without query or fragment");
    }

    private static CommonProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("service-accounts", CommonProperties.class);
    }
}
