package dev.serviceaccounts.query.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.serviceaccount.SecretUsages;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The token endpoint, {@code POST /oauth/token}, for the client credentials grant (RFC 6749 §4.4), in
 * Spring Authorization Server's shape: a converter ({@link TokenRequestConverter}), a provider
 * ({@link ClientAuthenticator}) and one error writer (§5.2 JSON). A servlet filter ahead of Spring
 * Security and Spring MVC, because this is the hot path.
 *
 * <p>Every response carries {@code Cache-Control: no-store} and {@code Pragma: no-cache} (§5.1).
 * Methods other than POST get 405. A failed client authentication is answered after
 * {@code service-accounts.failure-delay} (asynchronously, no thread waits), the same for every reason,
 * and the credentials are checked once more at that time, a safety net: the command side answers only
 * once every instance's view holds the command's events, so this second check should never be what lets
 * a client in ({@value #ACCEPTED_AFTER_DELAY} counts the times it was).
 *
 * <p>Brute-force limits (docs/decisions.md D25): a request whose {@code client_id} or source address is blocked by
 * {@link FailedAuthenticationThrottle} is answered at once, before its credentials are looked at, 429
 * {@code temporarily_unavailable} ({@link OAuth2Error#TOO_MANY_FAILURES}) with {@code Retry-After} in seconds;
 * {@value #THROTTLED} counts them by {@code limit} ({@code client_id} or {@code address}). Each failed client
 * authentication is counted there when it is found, before the failure delay, so that requests sent side by side
 * are counted too. A token issued to a service account reports its secret's use to {@link SecretUsages}
 * (docs/decisions.md D26).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
public class TokenEndpointFilter extends OncePerRequestFilter implements DisposableBean {

    /** The path of this endpoint. */
    public static final String PATH = "/oauth/token";
    /**
     * Counter of requests refused at first and accepted when checked again after the failure delay: each is
     * a token request that found this instance's view older than the client's credentials.
     */
    public static final String ACCEPTED_AFTER_DELAY = "sa.token.client_authentication.accepted_after_delay";
    /** Counter of requests refused by the brute-force limits, tagged {@code limit} ({@code client_id}, {@code address}). */
    public static final String THROTTLED = "sa.token.client_authentication.throttled";
    private static final Logger log = LoggerFactory.getLogger(TokenEndpointFilter.class);

    private final TokenRequestConverter converter;
    private final ClientAuthenticator authenticator;
    private final FailedAuthenticationThrottle throttle;
    private final SecretUsages usages;
    private final AccessTokenIssuer issuer;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final long failureDelayMillis;
    private final ScheduledExecutorService delayedFailures = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "token-endpoint-failures");
        thread.setDaemon(true);
        return thread;
    });

    public TokenEndpointFilter(TokenRequestConverter converter, ClientAuthenticator authenticator,
                               FailedAuthenticationThrottle throttle, SecretUsages usages,
                               AccessTokenIssuer issuer, ObjectMapper objectMapper, Clock clock,
                               MeterRegistry meters, ServiceAccountsProperties properties) {
        this.converter = converter;
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.usages = usages;
        this.issuer = issuer;
        this.json = objectMapper;
        this.clock = clock;
        this.meters = meters;
        this.failureDelayMillis = properties.failureDelay().toMillis();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        if (!"POST".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            writeError(response, new OAuth2Error("invalid_request",
                    "The token endpoint accepts only POST, with parameters in the body", 405));
            return;
        }
        TokenRequest tokenRequest;
        try {
            tokenRequest = converter.convert(request);
        } catch (OAuth2Error.Exception e) {
            writeError(response, e.error());
            return;
        }
        String address = request.getRemoteAddr();
        FailedAuthenticationThrottle.Refusal refusal = throttle.refusal(tokenRequest.clientId(), address).orElse(null);
        if (refusal != null) {
            meters.counter(THROTTLED, "limit", refusal.limit().tag()).increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
            writeError(response, OAuth2Error.TOO_MANY_FAILURES);
            return;
        }
        ClientAuthenticator.Result result = authenticator.authenticate(
                tokenRequest.clientId(), tokenRequest.clientSecret(), clock.instant());
        if (result.authenticated()) {
            respond(tokenRequest, result.client(), response);
            return;
        }
        throttle.recordFailure(tokenRequest.clientId(), address);
        AsyncContext async = request.startAsync();
        async.setTimeout(failureDelayMillis + 30_000);
        // the timer thread only hands the answer back to the container's pool: a client that reads slowly
        // must not hold up every other delayed answer
        delayedFailures.schedule(() -> async.start(() -> answerAfterDelay(tokenRequest, async)),
                failureDelayMillis, TimeUnit.MILLISECONDS);
    }

    private void answerAfterDelay(TokenRequest tokenRequest, AsyncContext async) {
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        try {
            ClientAuthenticator.Result result = authenticator.authenticate(
                    tokenRequest.clientId(), tokenRequest.clientSecret(), clock.instant());
            if (result.authenticated()) {
                // the view was behind the credentials the client holds: counted, since it should not happen
                meters.counter(ACCEPTED_AFTER_DELAY).increment();
                respond(tokenRequest, result.client(), response);
            } else {
                meters.counter("sa.token.client_authentication.failures", "reason", result.failureReason()).increment();
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"service-accounts\"");
                writeError(response, OAuth2Error.INVALID_CLIENT);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not answer a token request: {}", e.toString());
        } finally {
            async.complete();
        }
    }

    private void respond(TokenRequest tokenRequest, ClientAuthenticator.AuthenticatedClient client,
                         HttpServletResponse response) throws IOException {
        if (!"client_credentials".equals(tokenRequest.grantType())) {
            writeError(response, OAuth2Error.UNSUPPORTED_GRANT_TYPE);
            return;
        }
        if (tokenRequest.scope() != null && !tokenRequest.scope().isBlank()) {
            writeError(response, OAuth2Error.INVALID_SCOPE);
            return;
        }
        AccessTokenIssuer.IssuedToken token = issuer.issue(client.clientId(), client.companyId(), clock.instant(),
                client.tokenCutoff(), client.accountVersion());
        if (client.secretId() != null) {
            usages.used(client.serviceAccountId(), client.secretId(), token.issuedAt());
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), new TokenResponse(token.value(), "Bearer",
                token.expiresIn(), token.issuedAt().getEpochSecond()));
    }

    private void writeError(HttpServletResponse response, OAuth2Error error) throws IOException {
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.error());
        body.put("error_description", error.description());
        json.writeValue(response.getOutputStream(), body);
    }

    @Override
    public void destroy() {
        delayedFailures.shutdownNow();
    }

    /**
     * RFC 6749 §5.1 success body, plus Procore's {@code created_at}.
     *
     * @param expiresIn seconds
     * @param createdAt Unix seconds
     */
    record TokenResponse(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") long expiresIn,
                         @JsonProperty("created_at") long createdAt) {
    }
}
