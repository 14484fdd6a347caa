package dev.serviceaccounts.web.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes authentications and authorizations, not each filter of its chain (docs/decisions.md
 * D61). By default every filter of the chain runs inside two observations of its own ({@code
 * spring.security.filterchains}, {@code spring.security.http.secured.requests}): about a dozen per request, 12 % of a
 * request thread's CPU in a create. Their meters are not among those the project documents; the request's own
 * {@code http.server.requests} (Spring Boot's servlet filter, outside the chain) and the meters
 * {@code spring.security.authentications} and {@code spring.security.authorizations} stay.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationAutoConfiguration {

    /** @return observations of authentications and authorizations only; the filter chain is not decorated */
    @Bean
    @ConditionalOnMissingBean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }
}
