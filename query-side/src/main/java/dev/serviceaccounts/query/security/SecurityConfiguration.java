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
import org.springframework.security.web.SecurityFilterChain;

/**
 * The token endpoint, JWKS and metadata are public (DESIGN §4); {@code /api/**} needs a bearer access
 * token issued by this system, verified with this side's own keys. Stateless, no CSRF (no cookies).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The filter chain. */
    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/oauth/token", "/oauth/jwks", "/.well-known/**",
                                "/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .oauth2ResourceServer(server -> server.authenticationEntryPoint(entryPoint).jwt(Customizer.withDefaults()));
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
