package dev.serviceaccounts.query.security;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.token.SigningKeys;
import dev.serviceaccounts.web.problem.ProblemAuthenticationEntryPoint;
import dev.serviceaccounts.web.security.AccessTokenDecoders;
import dev.serviceaccounts.web.security.ApiSecurity;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * The token endpoint, JWKS and metadata are public (docs/design.md §4); {@code /api/**} needs a bearer access
 * token issued by this system, verified with this side's own keys. Stateless, no CSRF (no cookies).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The filter chain ({@link ApiSecurity}): the token endpoint (a servlet filter ahead of this chain), JWKS,
     * metadata and actuator health open; unknown paths 404; the rest of the actuator for the operator only;
     * every other endpoint needs a bearer access token.
     */
    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
                                           HandlerMappingIntrospector handlerMappings,
                                           ServiceAccountsProperties properties) throws Exception {
        return ApiSecurity.build(http, entryPoint, handlerMappings, properties.operatorClientId(),
                "/oauth/token", "/oauth/jwks", "/.well-known/**");
    }

    /**
     * Verifies RFC 9068 access tokens ({@link AccessTokenDecoders#rfc9068}: {@code at+jwt}, ES256, the required
     * claims, our issuer and audience) with this side's own public keys, as the command side does with the keys
     * it reads from MongoDB.
     */
    @Bean
    public JwtDecoder jwtDecoder(SigningKeys keys, ServiceAccountsProperties properties) {
        return AccessTokenDecoders.rfc9068(new ImmutableJWKSet<>(keys.publicKeys()),
                properties.issuer().toString(), properties.audience());
    }

    /** Who may read what (docs/design.md §4), with the callers' accounts read from the views. */
    @Bean
    public CompanyAccessPolicy companyAccessPolicy(ViewCallerAccounts accounts) {
        return new CompanyAccessPolicy(accounts);
    }

    /** The clock every timestamp of this side comes from. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
