package dev.serviceaccounts.query.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.serviceaccount.SecretUsages;
import dev.serviceaccounts.query.token.ClientAuthenticator.AuthenticatedClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The endpoints a client calls with its own credentials ({@link ClientEndpoint}: {@code POST /oauth/token},
 * {@code /oauth/introspect}, {@code /oauth/revoke}), the way Spring Security's authentication filters work: an
 * {@code AuthenticationConverter} ({@link ClientRequestConverter}), an {@code AuthenticationProvider}
 * ({@link ClientAuthenticator}), then the endpoint; errors are Spring's {@link OAuth2Error} (RFC 6749 §5.2 JSON,
 * {@link OAuth2ErrorHttpMessageConverter}), a token Spring's {@link OAuth2AccessTokenResponse}, so that client
 * authentication follows one set of rules everywhere. A servlet filter ahead of Spring Security and Spring MVC,
 * with no filter chain, because the token endpoint is the hot path (docs/decisions.md D29; with
 * {@code service-accounts.token-endpoint=authorization-server} the token path is Spring Authorization Server's and
 * this filter serves introspection and revocation only).
 *
 * <p>Every response carries {@code Cache-Control: no-store} and {@code Pragma: no-cache} (RFC 6749 §5.1,
 * RFC 7662 §2.2). Methods other than POST get 405. A missing required parameter is 400 {@code invalid_request}.
 * A failed client authentication is answered 401 {@code invalid_client} with
 * {@code WWW-Authenticate: Basic realm="service-accounts"} after {@code service-accounts.failure-delay}
 * (asynchronously, no thread waits), the same for every reason (docs/decisions.md D15), and the credentials are
 * checked once more at that time, a safety net: the command side answers only once every instance's view holds
 * the command's events, so this second check should never be what lets a client in
 * ({@value #ACCEPTED_AFTER_DELAY} counts the times it was).
 *
 * <p>Brute-force limits (docs/decisions.md D25): a request whose {@code client_id} or source address is blocked by
 * {@link FailedAuthenticationThrottle} is answered at once, before its credentials are looked at, 429
 * {@code temporarily_unavailable} with {@code Retry-After} in seconds; {@value #THROTTLED} counts them by
 * {@code limit} ({@code client_id} or {@code address}). Each failed client authentication is counted there when it
 * is found, before the failure delay, so that requests sent side by side are counted too. A service account's
 * successful request, whatever the endpoint, reports its secret's use to {@link SecretUsages} (docs/decisions.md D26).
 *
 * <p>Every answer is timed by {@link ClientEndpointMeters} ({@value ClientEndpointMeters#REQUESTS}, by endpoint and
 * outcome), with timers made at start.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
public class ClientEndpointFilter extends OncePerRequestFilter implements DisposableBean {

    /**
     * Counter of requests refused at first and accepted when checked again after the failure delay: each is
     * a request that found this instance's view older than the client's credentials.
     */
    public static final String ACCEPTED_AFTER_DELAY = "sa.token.client_authentication.accepted_after_delay";
    /** Counter of requests refused by the brute-force limits, tagged {@code limit} ({@code client_id}, {@code address}). */
    public static final String THROTTLED = "sa.token.client_authentication.throttled";
    /** Counter of failed client authentications, tagged {@code reason} ({@link ClientAuthenticator.Failure#reason()}). */
    public static final String FAILURES = "sa.token.client_authentication.failures";
    private static final Logger log = LoggerFactory.getLogger(ClientEndpointFilter.class);
    /**
     * Too many failed client authentications for the presented {@code client_id} or from this address, sent with 429
     * and {@code Retry-After}. RFC 6749 defines no error for 429; this keeps §5.2's JSON shape, which OAuth client
     * libraries read, with {@code temporarily_unavailable}, the registered code (RFC 6749 §4.1.2.1, §11.4) that
     * means "try again later" and says nothing about the credentials (docs/decisions.md D25).
     */
    private static final OAuth2Error TOO_MANY_FAILURES = new OAuth2Error("temporarily_unavailable",
            "Too many failed client authentications; retry after the number of seconds in Retry-After", null);

    private final Map<String, ClientEndpoint> endpoints;
    private final Map<String, ClientEndpointMeters> requestMeters;
    private final ClientRequestConverter converter;
    private final ClientAuthenticator authenticator;
    private final FailedAuthenticationThrottle throttle;
    private final SecretUsages usages;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final long failureDelayMillis;
    private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();
    private final OAuth2AccessTokenResponseHttpMessageConverter tokens = TokenEndpoint.responseWriter();
    private final ScheduledExecutorService delayedFailures = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "token-endpoint-failures");
        thread.setDaemon(true);
        return thread;
    });

    public ClientEndpointFilter(List<ClientEndpoint> endpoints, ClientRequestConverter converter,
                                ClientAuthenticator authenticator, FailedAuthenticationThrottle throttle,
                                SecretUsages usages, ObjectMapper objectMapper, Clock clock, MeterRegistry meters,
                                ServiceAccountsProperties properties) {
        this.endpoints = endpoints.stream().collect(Collectors.toUnmodifiableMap(ClientEndpoint::path, Function.identity()));
        this.requestMeters = endpoints.stream().collect(Collectors.toUnmodifiableMap(ClientEndpoint::path,
                endpoint -> new ClientEndpointMeters(meters, endpoint.path())));
        this.converter = converter;
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.usages = usages;
        this.json = objectMapper;
        this.clock = clock;
        this.meters = meters;
        this.failureDelayMillis = properties.failureDelay().toMillis();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return endpoint(request) == null;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        ClientEndpoint endpoint = endpoint(request);
        ClientEndpointMeters timers = requestMeters.get(endpoint.path());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        if (!"POST".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            writeError(response, HttpStatus.METHOD_NOT_ALLOWED, new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "This endpoint accepts only POST, with parameters in the body", null));
            timers.failed(OAuth2ErrorCodes.INVALID_REQUEST, start);
            return;
        }
        ClientRequest clientRequest;
        try {
            clientRequest = converter.convert(request);
            for (String name : endpoint.requiredParameters()) {
                String value = clientRequest.parameter(name);
                if (value == null || value.isEmpty()) {
                    throw ClientRequestConverter.invalid("Missing parameter: " + name);
                }
            }
        } catch (OAuth2AuthenticationException e) {
            writeError(response, HttpStatus.BAD_REQUEST, e.getError());
            timers.failed(e.getError().getErrorCode(), start);
            return;
        }
        String address = request.getRemoteAddr();
        FailedAuthenticationThrottle.Refusal refusal = throttle.refusal(clientRequest.clientId(), address).orElse(null);
        if (refusal != null) {
            meters.counter(THROTTLED, "limit", refusal.limit().tag()).increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
            writeError(response, HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_FAILURES);
            timers.failed(TOO_MANY_FAILURES.getErrorCode(), start);
            return;
        }
        Authentication client;
        try {
            client = authenticator.authenticate(clientRequest);
        } catch (ClientAuthenticator.Failure refused) {
            client = null;
        }
        if (client != null) {
            respond(endpoint, clientRequest, AuthenticatedClient.of(client), response, timers, start);
            return;
        }
        throttle.recordFailure(clientRequest.clientId(), address);
        AsyncContext async = request.startAsync();
        async.setTimeout(failureDelayMillis + 30_000);
        // the timer thread only hands the answer back to the container's pool: a client that reads slowly
        // must not hold up every other delayed answer
        delayedFailures.schedule(() -> async.start(() -> answerAfterDelay(endpoint, clientRequest, async, timers, start)),
                failureDelayMillis, TimeUnit.MILLISECONDS);
    }

    private ClientEndpoint endpoint(HttpServletRequest request) {
        return endpoints.get(request.getRequestURI().substring(request.getContextPath().length()));
    }

    private void answerAfterDelay(ClientEndpoint endpoint, ClientRequest clientRequest, AsyncContext async,
                                  ClientEndpointMeters timers, long start) {
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        try {
            Authentication client = authenticator.authenticate(clientRequest);
            // the view was behind the credentials the client holds: counted, since it should not happen
            meters.counter(ACCEPTED_AFTER_DELAY).increment();
            respond(endpoint, clientRequest, AuthenticatedClient.of(client), response, timers, start);
        } catch (ClientAuthenticator.Failure refused) {
            try {
                meters.counter(FAILURES, "reason", refused.reason()).increment();
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"service-accounts\"");
                writeError(response, HttpStatus.UNAUTHORIZED, refused.getError());
                timers.failed(OAuth2ErrorCodes.INVALID_CLIENT, start);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not answer a request to {}: {}", endpoint.path(), e.toString());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not answer a request to {}: {}", endpoint.path(), e.toString());
        } finally {
            async.complete();
        }
    }

    private void respond(ClientEndpoint endpoint, ClientRequest clientRequest, AuthenticatedClient client,
                         HttpServletResponse response, ClientEndpointMeters timers, long start) throws IOException {
        Object body;
        try {
            body = endpoint.answer(clientRequest, client);
        } catch (OAuth2AuthenticationException e) {
            writeError(response, HttpStatus.BAD_REQUEST, e.getError());
            timers.failed(e.getError().getErrorCode(), start);
            return;
        }
        if (client.secretId() != null) {
            usages.used(client.serviceAccountId(), client.secretId(), clock.instant());
        }
        response.setStatus(HttpServletResponse.SC_OK);
        if (body instanceof OAuth2AccessTokenResponse token) {
            write(tokens, token, response);
        } else if (body != null) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), body);
        }
        timers.succeeded(start);
    }

    private void writeError(HttpServletResponse response, HttpStatus status, OAuth2Error error) throws IOException {
        response.setStatus(status.value());
        write(errors, error, response);
    }

    /**
     * Writes {@code body} with Spring's {@code converter} as JSON in one piece, with {@code Content-Length}. The
     * converters flush the stream they write to, which on the servlet's stream commits the answer with
     * {@code Transfer-Encoding: chunked}: two writes to the socket per answer, the body and then the last chunk
     * (docs/decisions.md D51).
     */
    private static <T> void write(HttpMessageConverter<T> converter, T body, HttpServletResponse response)
            throws IOException {
        BufferedMessage message = new BufferedMessage();
        converter.write(body, MediaType.APPLICATION_JSON, message);
        message.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentLength(message.body.size());
        message.body.writeTo(response.getOutputStream());
    }

    /** An answer written to memory first. */
    private static final class BufferedMessage implements HttpOutputMessage {

        private final HttpHeaders headers = new HttpHeaders();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);

        @Override
        public OutputStream getBody() {
            return body;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }

    @Override
    public void destroy() {
        delayedFailures.shutdownNow();
    }
}
