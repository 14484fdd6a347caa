package dev.serviceaccounts.command.security;

import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.web.problem.ProblemAuthenticationEntryPoint;
import dev.serviceaccounts.web.security.AccessTokenDecoders;
import dev.serviceaccounts.web.security.ApiSecurity;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.web.security.RevokedTokens;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Every {@code /api/**} request needs {@code Authorization: Bearer} with an access token issued by this
 * system (RFC 9068 {@code at+jwt}, ES256, our issuer and audience). Stateless, no sessions, no CSRF
 * (no cookies are ever used).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

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
     * Verifies RFC 9068 access tokens ({@link AccessTokenDecoders#rfc9068}: {@code at+jwt}, ES256, the required
     * claims, our issuer and audience) against the issuer's public keys in MongoDB, as the query side does with
     * its own keys.
     */
    @Bean
    public JwtDecoder jwtDecoder(MongoTemplate mongo, Clock clock, CommonProperties properties) {
        return AccessTokenDecoders.rfc9068(new SigningKeysJwkSource(mongo, clock, Duration.ofMinutes(5)),
                properties.issuer().toString(), properties.audience());
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
