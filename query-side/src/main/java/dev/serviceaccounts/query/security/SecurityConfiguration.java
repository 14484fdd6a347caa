package dev.serviceaccounts.query.security;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.token.SigningKeys;
import dev.serviceaccounts.web.problem.ProblemAuthenticationEntryPoint;
import dev.serviceaccounts.web.security.AccessTokenDecoders;
import dev.serviceaccounts.web.security.OperatorAuthorizationManager;
import dev.serviceaccounts.web.security.ServedRequestMatcher;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * The token endpoint, JWKS and metadata are public (docs/design.md §4); {@code /api/**} needs a bearer access
 * token issued by this system, verified with this side's own keys. Stateless, no CSRF (no cookies).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** What a caller may not use does not exist for it: the 404 of an unknown path (the error page writes it). */
    private static final AccessDeniedHandler HIDDEN = (request, response, denied) -> response.sendError(404);

    /**
     * The filter chain: the public endpoints and actuator health open; a path no endpoint serves open too, its
     * token not even read, so that it is answered 404, never 401; the rest of the actuator for the operator
     * only (anyone else gets the same 404); every other endpoint authenticated, 401 as problem+json. The token
     * endpoint is a servlet filter ahead of this chain.
     */
    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
                                           HandlerMappingIntrospector handlerMappings,
                                           ServiceAccountsProperties properties) throws Exception {
        RequestMatcher actuator = PathPatternRequestMatcher.withDefaults().matcher("/actuator/**");
        RequestMatcher served = new ServedRequestMatcher(handlerMappings, "/error");
        DefaultBearerTokenResolver bearerTokens = new DefaultBearerTokenResolver();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/oauth/token", "/oauth/jwks", "/.well-known/**",
                                "/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(new NegatedRequestMatcher(served)).permitAll()
                        .requestMatchers(actuator).access(new OperatorAuthorizationManager(properties.operatorClientId()))
                        .anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .defaultAccessDeniedHandlerFor(HIDDEN, actuator))
                .oauth2ResourceServer(server -> server.authenticationEntryPoint(entryPoint)
                        .bearerTokenResolver(request -> served.matches(request) ? bearerTokens.resolve(request) : null)
                        .jwt(Customizer.withDefaults()));
        return http.build();
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

    /** The clock every timestamp of this side comes from. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
