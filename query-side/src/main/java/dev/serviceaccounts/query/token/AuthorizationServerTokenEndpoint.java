package dev.serviceaccounts.query.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.api.permission.PermissionScopes;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.serviceaccount.SecretUsages;
import dev.serviceaccounts.query.token.ClientAuthenticator.AuthenticatedClient;
import dev.serviceaccounts.support.config.CommonProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The token endpoint served by Spring Authorization Server, for the benchmark to measure against the default
 * {@link ClientEndpointFilter} (docs/decisions.md D29): active only with
 * {@code service-accounts.token-endpoint=authorization-server}; with the default {@code filter} none of this exists.
 * {@code POST /oauth/token}, client credentials only, in its own {@link SecurityFilterChain} ahead of the API's, built
 * by {@link OAuth2AuthorizationServerConfigurer}; introspection and revocation stay on {@link ClientEndpointFilter}.
 *
 * <ul>
 *   <li>clients: {@link ViewRegisteredClients} over the in-memory view; the secret is checked by
 *       {@link ClientAuthenticator} in place of SAS's {@link ClientSecretAuthenticationProvider}, against both
 *       secrets of a rotation's grace (SAS holds one per client), with the same throttle (D25, 429) and usage
 *       reports (D26); a failure is answered 401 {@code invalid_client} at once, without the failure delay (D15)
 *       and its second check;</li>
 *   <li>no write per token: the {@link OAuth2AuthorizationService} saves nothing and finds nothing;</li>
 *   <li>the token: SAS's {@link JwtGenerator} with a customizer that makes its claims ours ({@code iss}, one
 *       {@code aud}, {@code iat} never before the account's cutoff, no {@code nbf}, {@code client_id},
 *       {@code company_id}, {@code account_version}, {@code scope} a space-separated string) and a
 *       {@link JwtEncoder} that signs with our keys ({@link AccessTokenIssuer#sign}); no {@code scope} asked means
 *       every scope the account holds (D27), as on the default endpoint;</li>
 *   <li>the body: the default endpoint's ({@link TokenEndpoint#response}, with {@code created_at}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = TokenEndpoint.DESIGN_PROPERTY, havingValue = AuthorizationServerTokenEndpoint.DESIGN)
public class AuthorizationServerTokenEndpoint {

    /** The value of {@value TokenEndpoint#DESIGN_PROPERTY} that turns this on. */
    public static final String DESIGN = "authorization-server";

    /**
     * The chain of {@code POST /oauth/token}: SAS's client authentication and token endpoint filters, stateless.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public SecurityFilterChain authorizationServerTokenChain(
            HttpSecurity http, RegisteredClientRepository clients, ClientAuthenticator authenticator,
            FailedAuthenticationThrottle throttle, SecretUsages usages, AccessTokenIssuer issuer,
            CommonProperties common, Clock clock, MeterRegistry meters) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        ClientSecretAuthenticationFailures failures = new ClientSecretAuthenticationFailures(meters);
        JwtGenerator tokens = new JwtGenerator(parameters -> encode(issuer, parameters.getClaims().getClaims()));
        tokens.setJwtCustomizer(new OurClaims(common, clock));
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, TokenEndpoint.PATH))
                .with(server, configurer -> configurer
                        .registeredClientRepository(clients)
                        .authorizationService(new NoAuthorizations())
                        .authorizationServerSettings(AuthorizationServerSettings.builder()
                                .issuer(common.issuer().toString()).tokenEndpoint(TokenEndpoint.PATH).build())
                        .tokenGenerator(tokens)
                        .clientAuthentication(clientAuthentication -> clientAuthentication
                                .authenticationProviders(providers -> {
                                    providers.removeIf(ClientSecretAuthenticationProvider.class::isInstance);
                                    providers.add(0, new ViewClientSecrets(authenticator, clients, throttle, usages,
                                            clock));
                                })
                                .errorResponseHandler(failures))
                        .tokenEndpoint(tokenEndpoint -> tokenEndpoint
                                .accessTokenRequestConverters(converters -> converters.replaceAll(converter ->
                                        converter instanceof OAuth2ClientCredentialsAuthenticationConverter
                                                ? allHeldWhenNoneAsked(converter) : converter))
                                .accessTokenResponseHandler(new TokenResponses())))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** The clients of the view and the operator. */
    @Bean
    public RegisteredClientRepository registeredClientRepository(TokenEligibilityView view, OperatorCredentials operator,
                                                                 ServiceAccountsProperties properties, Clock clock) {
        return new ViewRegisteredClients(view, operator, properties, clock);
    }

    private static Jwt encode(AccessTokenIssuer issuer, Map<String, Object> claims) {
        JWTClaimsSet.Builder nimbus = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> nimbus.claim(name, value instanceof Instant instant ? Date.from(instant)
                : value instanceof URL url ? url.toExternalForm() : value));
        SignedJWT jwt = issuer.sign(nimbus.build());
        try {
            return Jwt.withTokenValue(jwt.serialize()).headers(headers -> headers.putAll(jwt.getHeader().toJSONObject()))
                    .claims(all -> all.putAll(claims)).build();
        } catch (RuntimeException e) {
            throw new JwtEncodingException("Could not encode the access token", e);
        }
    }

    /**
     * SAS grants no scope when none is asked; our rule (D27) grants all the account holds, none for the operator.
     */
    private static AuthenticationConverter allHeldWhenNoneAsked(AuthenticationConverter converter) {
        return request -> {
            Authentication converted = converter.convert(request);
            if (converted instanceof OAuth2ClientCredentialsAuthenticationToken grant && grant.getScopes().isEmpty()
                    && grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                    && client.getDetails() instanceof AuthenticatedClient authenticated) {
                Set<String> held = PermissionScopes.granted(null, authenticated.permissions()).orElseThrow();
                return new OAuth2ClientCredentialsAuthenticationToken(client, held, grant.getAdditionalParameters());
            }
            return converted;
        };
    }

    /** @return {@code scopes} in {@link PermissionScopes#supported()} order, as the default endpoint writes them */
    private static Set<String> ordered(Set<String> scopes) {
        Set<String> ordered = new LinkedHashSet<>(PermissionScopes.supported());
        ordered.retainAll(scopes);
        return ordered;
    }

    /**
     * Checks {@code client_secret_basic} and {@code client_secret_post} with {@link ClientAuthenticator}: every
     * active secret, the operator, a functional account; the result carries the {@link AuthenticatedClient} as
     * its details, for the token's claims.
     */
    private record ViewClientSecrets(ClientAuthenticator authenticator, RegisteredClientRepository clients,
                                     FailedAuthenticationThrottle throttle, SecretUsages usages, Clock clock)
            implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) {
            OAuth2ClientAuthenticationToken presented = (OAuth2ClientAuthenticationToken) authentication;
            ClientAuthenticationMethod method = presented.getClientAuthenticationMethod();
            if (!ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
                    && !ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
                return null;
            }
            String clientId = (String) presented.getPrincipal();
            String address = presented.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress() : null;
            FailedAuthenticationThrottle.Refusal refusal = throttle.refusal(clientId, address).orElse(null);
            if (refusal != null) {
                throw new Throttled(refusal);
            }
            AuthenticatedClient client;
            try {
                client = AuthenticatedClient.of(authenticator.authenticate(
                        new ClientRequest(clientId, (String) presented.getCredentials(), Map.of())));
            } catch (ClientAuthenticator.Failure failure) {
                throttle.recordFailure(clientId, address);
                throw failure;
            }
            if (client.secretId() != null) {
                usages.used(client.serviceAccountId(), client.secretId(), clock.instant());
            }
            RegisteredClient registered = clients.findByClientId(clientId);
            if (registered == null) {
                // the account stopped being functional since it was authenticated a moment ago
                throw new ClientAuthenticator.Failure("unknown_client");
            }
            OAuth2ClientAuthenticationToken authenticated = new OAuth2ClientAuthenticationToken(registered, method, null);
            authenticated.setDetails(client);
            return authenticated;
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    /** A request refused by the brute-force limits (D25), answered 429 with {@code Retry-After}. */
    private static final class Throttled extends OAuth2AuthenticationException {

        private final transient FailedAuthenticationThrottle.Refusal refusal;

        Throttled(FailedAuthenticationThrottle.Refusal refusal) {
            super(new OAuth2Error("temporarily_unavailable",
                    "Too many failed client authentications; retry after the number of seconds in Retry-After", null));
            this.refusal = refusal;
        }
    }

    /** 401 {@code invalid_client} with the Basic challenge, or 429 for a throttled request; counted as the default endpoint counts. */
    private record ClientSecretAuthenticationFailures(MeterRegistry meters) implements AuthenticationFailureHandler {

        private static final OAuth2ErrorHttpMessageConverter ERRORS = new OAuth2ErrorHttpMessageConverter();

        @Override
        public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                            AuthenticationException exception)
                throws IOException {
            OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                    : new OAuth2Error("invalid_client");
            HttpStatus status = HttpStatus.BAD_REQUEST;
            if (exception instanceof Throttled throttled) {
                meters.counter(ClientEndpointFilter.THROTTLED, "limit", throttled.refusal.limit().tag()).increment();
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.refusal.retryAfterSeconds()));
                status = HttpStatus.TOO_MANY_REQUESTS;
            } else if ("invalid_client".equals(error.getErrorCode())) {
                meters.counter(ClientEndpointFilter.FAILURES, "reason", exception instanceof ClientAuthenticator.Failure
                        failure ? failure.reason() : "no_credentials").increment();
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"service-accounts\"");
                status = HttpStatus.UNAUTHORIZED;
            }
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setHeader(HttpHeaders.PRAGMA, "no-cache");
            response.setStatus(status.value());
            ServletServerHttpResponse message = new ServletServerHttpResponse(response);
            ERRORS.write(error, MediaType.APPLICATION_JSON, message);
            message.flush();
        }
    }

    /** Writes the default endpoint's success body ({@link TokenEndpoint#response}) with {@code Cache-Control: no-store}. */
    private static final class TokenResponses implements AuthenticationSuccessHandler {

        private final OAuth2AccessTokenResponseHttpMessageConverter writer = TokenEndpoint.responseWriter();

        @Override
        public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                            Authentication authentication) throws IOException {
            OAuth2AccessToken token = ((OAuth2AccessTokenAuthenticationToken) authentication).getAccessToken();
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setHeader(HttpHeaders.PRAGMA, "no-cache");
            ServletServerHttpResponse message = new ServletServerHttpResponse(response);
            writer.write(TokenEndpoint.response(token.getTokenValue(), token.getIssuedAt(), token.getExpiresAt(),
                    ordered(token.getScopes())), MediaType.APPLICATION_JSON, message);
            message.flush();
        }
    }

    /** Makes SAS's claims ours (see the class comment), from the {@link AuthenticatedClient} of the request. */
    private record OurClaims(CommonProperties common, Clock clock) implements OAuth2TokenCustomizer<JwtEncodingContext> {

        @Override
        public void customize(JwtEncodingContext context) {
            AuthenticatedClient client = (AuthenticatedClient) context.getPrincipal().getDetails();
            Duration ttl = context.getRegisteredClient().getTokenSettings().getAccessTokenTimeToLive();
            Instant issuedAt = TokenCutoff.issuedAt(clock.instant(), client.tokenCutoff());
            Set<String> scopes = ordered(context.getAuthorizedScopes());
            context.getClaims()
                    .issuer(common.issuer().toString())
                    .audience(List.of(common.audience()))
                    .issuedAt(issuedAt)
                    .expiresAt(issuedAt.plus(ttl))
                    .claims(claims -> {
                        claims.remove(JwtClaimNames.NBF);
                        claims.put("client_id", client.clientId());
                        if (client.companyId() != null) {
                            claims.put("company_id", client.companyId());
                        }
                        if (client.accountVersion() != null) {
                            claims.put(TokenCutoff.ACCOUNT_VERSION_CLAIM, client.accountVersion());
                        }
                        if (scopes.isEmpty()) {
                            claims.remove("scope");
                        } else {
                            claims.put("scope", String.join(" ", scopes));
                        }
                    });
        }
    }

    /** Keeps no authorization: a client credentials token is a self-contained JWT, never looked up. */
    private static final class NoAuthorizations implements OAuth2AuthorizationService {

        @Override
        public void save(OAuth2Authorization authorization) {
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
        }

        @Override
        public OAuth2Authorization findById(String id) {
            return null;
        }

        @Override
        public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
            return null;
        }
    }
}
