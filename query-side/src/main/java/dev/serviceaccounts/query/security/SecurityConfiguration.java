package dev.serviceaccounts.query.security;

import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.web.problem.ProblemAuthenticationEntryPoint;
import dev.serviceaccounts.web.problem.ProblemErrorReportValve;
import dev.serviceaccounts.web.security.ApiSecurity;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.web.security.RevokedTokens;
import java.time.Clock;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * The token endpoint, JWKS and metadata are public (docs/design.md §4); {@code /api/**} needs a bearer access
 * token issued by this system, verified with this side's own keys (the decoder is declared beside the keys, in
 * {@code query.token}). Stateless, no CSRF (no cookies).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The filter chain ({@link ApiSecurity}): the token, introspection and revocation endpoints (a servlet filter
     * ahead of this chain), JWKS,
     * metadata, the admin console's files (docs/decisions.md D49) and actuator health open; unknown paths 404; the rest of the actuator for the operator only;
     * every other endpoint needs a bearer access token.
     */
    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
                                           HandlerMappingIntrospector handlerMappings,
                                           CommonProperties properties, RevokedTokens revokedTokens) throws Exception {
        return ApiSecurity.build(http, entryPoint, handlerMappings, properties.operatorClientId(), revokedTokens,
                "/oauth/token", "/oauth/introspect", "/oauth/revoke", "/oauth/jwks", "/.well-known/**", "/console",
                "/console/**");
    }

    /**
     * Tomcat's own refusals (a request it cannot parse, before any filter) as RFC 6749 §5.2 JSON on the OAuth client
     * endpoints, problem+json elsewhere (docs/decisions.md D46).
     */
    @Bean
    public ProblemErrorReportValve.Installer problemErrorReportValveInstaller() {
        return new ProblemErrorReportValve.Installer(Set.of("/oauth/token", "/oauth/introspect", "/oauth/revoke"));
    }

    /** Who may read what (docs/design.md §4), with the callers' accounts read from the views. */
    @Bean
    public CompanyAccessPolicy companyAccessPolicy(ViewCallerAccounts accounts, RevokedTokens revokedTokens) {
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
