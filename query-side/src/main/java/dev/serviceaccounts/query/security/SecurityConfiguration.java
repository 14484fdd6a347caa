package dev.serviceaccounts.query.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.token.SigningKeys;
import dev.serviceaccounts.query.web.ProblemAuthenticationEntryPoint;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
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
     * Verifies RFC 9068 access tokens ({@code at+jwt}, ES256) with this side's keys: Spring Security's RFC 9068
     * validator requires {@code exp}, {@code iat}, {@code iss}, {@code aud}, {@code sub}, {@code jti} and
     * {@code client_id} (§2.2), our issuer and audience, and a current lifetime; Nimbus checks the same claims
     * are present in the token as signed. The command side configures its decoder the same way.
     */
    @Bean
    public JwtDecoder jwtDecoder(SigningKeys keys, ServiceAccountsProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        // on the token as signed: Spring's claim conversion fills in a missing iat from exp before its validators run
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null,
                Set.of("exp", "iat", "iss", "aud", "sub", "jti", "client_id")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(keys.publicKeys())));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
                .issuer(properties.issuer().toString())
                .audience(properties.audience())
                .validators(claims -> claims.put("client_id", new JwtClaimValidator<>("client_id", Objects::nonNull)))
                .build());
        return decoder;
    }

    /** The clock every timestamp of this side comes from. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
