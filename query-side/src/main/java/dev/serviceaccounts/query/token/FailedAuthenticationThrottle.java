package dev.serviceaccounts.query.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Brute-force limits of the token endpoint (docs/decisions.md D25): failed client authentications are counted
 * per presented {@code client_id} and, separately, per source address. {@code maxFailures} failures within
 * {@code window} (counted from the first of them) block that key: every request naming it is refused, without
 * looking at its credentials, for {@code firstBlock}; each further block of the same key doubles, up to
 * {@code maxBlock}, and the doubling starts over once {@code maxBlock} has passed after a block without a new one.
 * A block always ends by itself, after {@code maxBlock} at most; the failures during a block are not counted.
 *
 * <p>The state is in memory only (no database read or write per request) and bounded: each kind of key is a
 * Caffeine cache of at most {@code trackedKeys} entries (its admission policy keeps a key that keeps failing
 * over a flood of one-off keys), each entry dropped once it can matter no more. Known and unknown
 * {@code client_id}s are counted the same way, so a block tells nothing about whether a client exists.
 * A {@code client_id} is keyed by its first 65 characters (a real one has at most 64), an IPv4 address by
 * itself and an IPv6 address by its /64 prefix (what one host usually holds).
 */
@Component
public class FailedAuthenticationThrottle {

    /** {@code client_id} ids longer than this are keyed by their first this-many characters: none is real. */
    static final int CLIENT_ID_KEY_CHARS = 65;

    /** Gauge of the keys held: {@code client_id}s and addresses together, at most twice {@code trackedKeys}. */
    public static final String TRACKED_KEYS = "sa.token.client_authentication.throttle.tracked_keys";

    private final Clock clock;
    private final Limits clientIdLimits;
    private final Limits addressLimits;
    private final Cache<String, Failures> byClientId;
    private final Cache<String, Failures> byAddress;

    @Autowired
    public FailedAuthenticationThrottle(ServiceAccountsProperties properties, Clock clock, MeterRegistry meters) {
        this(properties.failureLimits(), clock);
        Gauge.builder(TRACKED_KEYS, this, FailedAuthenticationThrottle::trackedKeys).register(meters);
    }

    /** Without a gauge: for tests. */
    FailedAuthenticationThrottle(ServiceAccountsProperties.FailureLimits settings, Clock clock) {
        this.clock = clock;
        this.clientIdLimits = new Limits(settings.perClientId(), settings);
        this.addressLimits = new Limits(settings.perAddress(), settings);
        this.byClientId = cache(settings, clock);
        this.byAddress = cache(settings, clock);
    }

    private static Cache<String, Failures> cache(ServiceAccountsProperties.FailureLimits settings, Clock clock) {
        // an entry matters for one window, one block and the quiet time after it that keeps the doubling
        return Caffeine.newBuilder()
                .maximumSize(settings.trackedKeys())
                .expireAfterWrite(settings.window().plus(settings.maxBlock()).plus(settings.maxBlock()))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * @param clientId the presented {@code client_id}; null when none was presented
     * @param address  the request's source address ({@code ServletRequest.getRemoteAddr()})
     * @return the block this request falls under, with the time until it ends; empty when the request may try
     */
    public Optional<Refusal> refusal(String clientId, String address) {
        Instant now = clock.instant();
        Optional<Refusal> byId = clientId == null ? Optional.empty()
                : blockedFor(byClientId.getIfPresent(clientIdKey(clientId)), now).map(left -> new Refusal(Limit.CLIENT_ID, left));
        if (byId.isPresent()) {
            return byId;
        }
        return blockedFor(byAddress.getIfPresent(addressKey(address)), now).map(left -> new Refusal(Limit.ADDRESS, left));
    }

    /**
     * Counts one failed client authentication against the {@code client_id} (when one was presented) and the
     * address.
     */
    public void recordFailure(String clientId, String address) {
        Instant now = clock.instant();
        if (clientId != null) {
            byClientId.asMap().compute(clientIdKey(clientId), (key, failures) -> clientIdLimits.next(failures, now));
        }
        byAddress.asMap().compute(addressKey(address), (key, failures) -> addressLimits.next(failures, now));
    }

    /** @return the number of keys held, both kinds together (after pending evictions are done) */
    long trackedKeys() {
        byClientId.cleanUp();
        byAddress.cleanUp();
        return byClientId.estimatedSize() + byAddress.estimatedSize();
    }

    private static Optional<Duration> blockedFor(Failures failures, Instant now) {
        if (failures == null || failures.blockedUntil() == null || !now.isBefore(failures.blockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.blockedUntil()));
    }

    static String clientIdKey(String clientId) {
        return clientId.length() <= CLIENT_ID_KEY_CHARS ? clientId : clientId.substring(0, CLIENT_ID_KEY_CHARS);
    }

    static String addressKey(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // an IPv6 literal: parsed, never looked up
            if (bytes.length != 16) {
                return address;
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** Which limit a request ran into. */
    public enum Limit {
        CLIENT_ID("client_id"), ADDRESS("address");

        private final String tag;

        Limit(String tag) {
            this.tag = tag;
        }

        /** @return the metric tag value: {@code client_id} or {@code address} */
        public String tag() {
            return tag;
        }
    }

    /**
     * A refused request.
     *
     * @param retryAfter how long the block still lasts (more than zero)
     */
    public record Refusal(Limit limit, Duration retryAfter) {

        /** @return {@code retryAfter} in whole seconds, rounded up: the {@code Retry-After} header's value */
        public long retryAfterSeconds() {
            long seconds = retryAfter.toSeconds();
            return retryAfter.equals(Duration.ofSeconds(seconds)) ? Math.max(seconds, 1) : seconds + 1;
        }
    }

    /**
     * One key's state.
     *
     * @param windowStart  the first failure of the current window; null after a block starts
     * @param failures     failures in the current window
     * @param blockedUntil the end of the last block; null when never blocked
     * @param blocks       blocks in a row (each doubles the next)
     */
    record Failures(Instant windowStart, int failures, Instant blockedUntil, int blocks) {
    }

    private record Limits(int maxFailures, Duration window, Duration firstBlock, Duration maxBlock) {

        Limits(int maxFailures, ServiceAccountsProperties.FailureLimits settings) {
            this(maxFailures, settings.window(), settings.firstBlock(), settings.maxBlock());
        }

        Failures next(Failures current, Instant now) {
            Failures state = current == null ? new Failures(null, 0, null, 0) : current;
            if (state.blockedUntil() != null && now.isBefore(state.blockedUntil())) {
                return state;
            }
            int blocks = state.blockedUntil() != null && !now.isBefore(state.blockedUntil().plus(maxBlock))
                    ? 0 : state.blocks();
            boolean windowOpen = state.windowStart() != null && now.isBefore(state.windowStart().plus(window));
            Instant windowStart = windowOpen ? state.windowStart() : now;
            int failures = (windowOpen ? state.failures() : 0) + 1;
            if (failures < maxFailures) {
                return new Failures(windowStart, failures, state.blockedUntil(), blocks);
            }
            Duration block = firstBlock.multipliedBy(1L << Math.min(blocks, 30));
            if (block.compareTo(maxBlock) > 0 || block.isNegative()) {
                block = maxBlock;
            }
            return new Failures(null, 0, now.plus(block), blocks + 1);
        }
    }
}
