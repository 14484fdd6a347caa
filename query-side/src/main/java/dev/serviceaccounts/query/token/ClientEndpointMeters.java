package dev.serviceaccounts.query.token;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The request timers of one endpoint of {@link ClientEndpointFilter}: {@value #REQUESTS}, tagged {@code endpoint}
 * ({@code token}, {@code introspect}, {@code revoke}) and {@code outcome}: {@value #ISSUED} (a token issued),
 * {@value #ANSWERED} (introspection or revocation answered 200) or the RFC 6749 §5.2 error code answered
 * ({@code invalid_request}, {@code invalid_client}, {@code invalid_scope}, {@code unsupported_grant_type},
 * {@code temporarily_unavailable} for the brute-force limits, ...; {@code other} for a code not listed). Each
 * timer's count is the requests of that outcome, its time from the filter's start to the answer written (a
 * refused client's includes the failure delay). Every timer is made once, at start: a request only picks one
 * from a map and records a duration (the token endpoint is the hot path; docs/decisions.md D45).
 */
final class ClientEndpointMeters {

    /** Timer of the requests to the client endpoints, tagged {@code endpoint} and {@code outcome}. */
    static final String REQUESTS = "sa.token.requests";
    /** Outcome of a token request answered with a token. */
    static final String ISSUED = "issued";
    /** Outcome of an introspection or revocation request answered 200. */
    static final String ANSWERED = "answered";
    static final String OTHER = "other";
    private static final List<String> ERRORS = List.of(OAuth2ErrorCodes.INVALID_REQUEST,
            OAuth2ErrorCodes.INVALID_CLIENT, OAuth2ErrorCodes.INVALID_GRANT, OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
            OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE, OAuth2ErrorCodes.INVALID_SCOPE,
            OAuth2ErrorCodes.UNSUPPORTED_TOKEN_TYPE, OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE, OTHER);

    private final Timer success;
    private final Map<String, Timer> errors;

    /** @param path the endpoint's path, such as {@code /oauth/token}; its last segment is the {@code endpoint} tag */
    ClientEndpointMeters(MeterRegistry meters, String path) {
        String endpoint = path.substring(path.lastIndexOf('/') + 1);
        this.success = timer(meters, endpoint, "token".equals(endpoint) ? ISSUED : ANSWERED);
        Map<String, Timer> byCode = new HashMap<>();
        for (String code : ERRORS) {
            byCode.put(code, timer(meters, endpoint, code));
        }
        this.errors = Map.copyOf(byCode);
    }

    /** Records a 200 answer to a request that started at {@code startNanos} ({@link System#nanoTime()}). */
    void succeeded(long startNanos) {
        success.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** Records an answer with the error {@code code} to a request that started at {@code startNanos}. */
    void failed(String code, long startNanos) {
        Timer timer = errors.get(code);
        (timer != null ? timer : errors.get(OTHER)).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private static Timer timer(MeterRegistry meters, String endpoint, String outcome) {
        return Timer.builder(REQUESTS)
                .description("Requests to the token, introspection and revocation endpoints, by outcome")
                .tags("endpoint", endpoint, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(meters);
    }
}
