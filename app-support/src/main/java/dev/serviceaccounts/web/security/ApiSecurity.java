package dev.serviceaccounts.web.security;

import dev.serviceaccounts.web.problem.ProblemAuthenticationEntryPoint;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * The one filter chain of both apps (docs/design.md §4), in this order:
 * <ol>
 *   <li>the app's public paths, the health status and its probes ({@link #HEALTH_PATHS}) and the API documentation
 *       ({@link #DOCUMENTATION_PATHS}) are open, and a bearer token sent to them is not even read (a stale token is
 *       no reason to refuse a public endpoint);</li>
 *   <li>a path no endpoint serves is open, its token not read either, so that it is answered 404 problem+json,
 *       never 401 with a challenge (RFC 6750 §3 challenges belong to protected resources);</li>
 *   <li>the rest of {@code /actuator} is the operator's, with a token not revoked (the health details, the metrics,
 *       the Prometheus scrape): anyone else gets the 404 of an unknown path;</li>
 *   <li>every other endpoint needs a verified RFC 9068 access token; without one, 401 problem+json with
 *       {@code WWW-Authenticate: Bearer}. Its principal is the {@link Caller} that
 *       {@link CallerAuthenticationConverter} makes of it.</li>
 * </ol>
 * Stateless: no session, no request cache, no CSRF (no cookie is ever used). Cross-origin requests follow the app's
 * {@code corsConfigurationSource} bean when it has one (the command side's, for the admin console's origin only:
 * docs/decisions.md D49), so a preflight is answered before authentication; without one, no CORS header is written.
 */
public final class ApiSecurity {

    /**
     * The health status and the liveness and readiness probes (status only; docs/decisions.md D45). The other
     * health paths (the {@code details} group, one component) are the operator's.
     */
    public static final List<String> HEALTH_PATHS = List.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");
    /** The OpenAPI documents and Swagger UI: documentation only, open to anyone (docs/decisions.md D45). */
    public static final List<String> DOCUMENTATION_PATHS = List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**");

    /** What a caller may not use does not exist for it: the 404 of an unknown path (the error page writes it). */
    private static final AccessDeniedHandler HIDDEN = (request, response, denied) -> response.sendError(404);

    private ApiSecurity() {
    }

    /**
     * @param revokedTokens the revoked tokens, refused on the operator-only actuator endpoints too
     * @param publicPaths path patterns anyone may call without a token, besides {@link #HEALTH_PATHS},
     *                    {@link #DOCUMENTATION_PATHS} and the error page
     * @return the built chain
     * @throws Exception whatever Spring Security's builder throws
     */
    public static SecurityFilterChain build(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
                                            HandlerMappingIntrospector handlerMappings, String operatorClientId,
                                            RevokedTokens revokedTokens, String... publicPaths) throws Exception {
        RequestMatcher open = new OrRequestMatcher(Stream.of(Stream.of(publicPaths), HEALTH_PATHS.stream(),
                        DOCUMENTATION_PATHS.stream(), Stream.of("/error")).flatMap(paths -> paths)
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
                .toList());
        RequestMatcher actuator = PathPatternRequestMatcher.withDefaults().matcher("/actuator/**");
        RequestMatcher served = new ServedRequestMatcher(handlerMappings, "/error");
        RequestMatcher protectedEndpoint = request -> served.matches(request) && !open.matches(request);
        DefaultBearerTokenResolver bearerTokens = new DefaultBearerTokenResolver();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(open).permitAll()
                        .requestMatchers(new NegatedRequestMatcher(served)).permitAll()
                        .requestMatchers(actuator).access(new OperatorAuthorizationManager(revokedTokens::revoked))
                        .anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .defaultAccessDeniedHandlerFor(HIDDEN, actuator))
                .oauth2ResourceServer(server -> server.authenticationEntryPoint(entryPoint)
                        .bearerTokenResolver(request -> protectedEndpoint.matches(request)
                                ? bearerTokens.resolve(request) : null)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(
                                new CallerAuthenticationConverter(operatorClientId))));
        return http.build();
    }
}
