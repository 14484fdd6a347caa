package dev.serviceaccounts.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.serviceaccounts.command.config.ServiceAccountsProperties;
import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.web.problem.ProblemAuthenticationEntryPoint;
import dev.serviceaccounts.web.problem.ProblemCorsProcessor;
import dev.serviceaccounts.web.security.AccessTokenDecoders;
import dev.serviceaccounts.web.security.ApiSecurity;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.web.security.RevokedTokens;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Every {@code /api/**} request needs {@code Authorization: Bearer} with an access token issued by this
 * system (RFC 9068 {@code at+jwt}, ES256, our issuer and audience). Stateless, no sessions, no CSRF
 * (no cookies are ever used).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Shortest time between two fetches of the JWKS: a flood of tokens naming unknown keys costs one a second. */
    static final Duration JWKS_REFETCH_INTERVAL = Duration.ofSeconds(1);
    /** Connect and read timeout of a JWKS fetch. */
    static final Duration JWKS_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The filter chain ({@link ApiSecurity}): actuator health open; unknown paths 404; the rest of
     * the actuator for the operator only; every other endpoint needs a bearer access token.
     */
    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
                                           HandlerMappingIntrospector handlerMappings,
                                           CommonProperties properties, RevokedTokens revokedTokens) throws Exception {
        return ApiSecurity.build(http, entryPoint, handlerMappings, properties.operatorClientId(), revokedTokens);
    }

    /**
     * Cross-origin access for the admin console's origin only ({@code service-accounts.console.origin}, comma-separated
     * when it is reached by several names; the one-JVM system's query side: docs/decisions.md D49): the command methods with a bearer token and a JSON body, no
     * cookies. Empty: no origin but the app's own (the proxy of the README's "Production" serves one origin).
     */
    @Bean
    public CorsConfigurationSource corsConfigurationSource(
            @Value("${service-accounts.console.origin:}") String consoleOrigin) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!consoleOrigin.isBlank()) {
            CorsConfiguration console = new CorsConfiguration();
            console.setAllowedOrigins(Stream.of(consoleOrigin.split(",")).map(String::strip)
                    .filter(origin -> !origin.isEmpty()).map(origin -> origin.replaceFirst("/+$", "")).toList());
            console.setAllowedMethods(List.of("POST", "PUT", "PATCH", "DELETE"));
            console.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id"));
            console.setExposedHeaders(List.of("Location"));
            console.setAllowCredentials(false);
            console.setMaxAge(Duration.ofMinutes(10));
            source.registerCorsConfiguration("/api/v1/**", console);
        }
        return source;
    }

    /**
     * The CORS filter of the security chain (Spring Security takes the bean named {@code corsFilter}), refusing in
     * problem+json ({@link ProblemCorsProcessor}); kept out of the servlet container's own filters, where Spring Boot
     * would register it a second time.
     */
    @Bean
    public CorsFilter corsFilter(CorsConfigurationSource corsConfigurationSource, ObjectMapper objectMapper) {
        CorsFilter filter = new CorsFilter(corsConfigurationSource);
        filter.setCorsProcessor(new ProblemCorsProcessor(objectMapper));
        return filter;
    }

    /** Keeps {@link #corsFilter} in the security chain only. */
    @Bean
    public FilterRegistrationBean<CorsFilter> corsFilterOutsideTheChain(CorsFilter corsFilter) {
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(corsFilter);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Verifies RFC 9068 access tokens ({@link AccessTokenDecoders#rfc9068}: {@code at+jwt}, ES256, the required
     * claims, our issuer and audience) with the keys of the issuer's JWKS ({@code service-accounts.jwks-uri}), as
     * any resource server does: fetched on first use, cached for 5 minutes, fetched again at once for a
     * {@code kid} not in the cache (a key rotated in), at most once every {@link #JWKS_REFETCH_INTERVAL}.
     *
     * @throws MalformedURLException when {@code service-accounts.jwks-uri} is not a URL; the start stops
     */
    @Bean
    public JwtDecoder jwtDecoder(CommonProperties common, ServiceAccountsProperties properties)
            throws MalformedURLException {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(
                        properties.jwksUri(common.issuer()).toURL(),
                        new DefaultResourceRetriever((int) JWKS_TIMEOUT.toMillis(), (int) JWKS_TIMEOUT.toMillis(),
                                JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
                .rateLimited(JWKS_REFETCH_INTERVAL.toMillis())
                .build();
        return AccessTokenDecoders.rfc9068(keys, common.issuer().toString(), common.audience());
    }

    /**
     * Who may do what (docs/design.md §4), with the callers' rights read from their own aggregates; the
     * {@code CallerRights} it returns are what a credential command carries.
     */
    @Bean
    public CompanyAccessPolicy companyAccessPolicy(AggregateCallerAccounts accounts, RevokedTokens revokedTokens) {
        return new CompanyAccessPolicy(accounts, revokedTokens);
    }

    /** The access tokens revoked before their expiry (RFC 7009), shared by both sides in MongoDB (docs/decisions.md D24). */
    @Bean
    public RevokedTokens revokedTokens(MongoTemplate mongo, Clock clock) {
        return new RevokedTokens(mongo, clock);
    }

    /** The clock every timestamp of this side comes from. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
