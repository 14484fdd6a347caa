package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The brute-force limits of the token endpoint (docs/decisions.md D25), on a clock the test moves. */
class FailedAuthenticationThrottleTests {

    private static final String ADDRESS = "192.0.2.10";
    private static final int PER_CLIENT_ID = 5;
    private static final int PER_ADDRESS = 12;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FailedAuthenticationThrottle throttle = throttle(1000);

    private FailedAuthenticationThrottle throttle(int trackedKeys) {
        return new FailedAuthenticationThrottle(new ServiceAccountsProperties.FailureLimits(PER_CLIENT_ID, PER_ADDRESS,
                Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(60), trackedKeys), clock);
    }

    private void fail(String clientId, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(clientId, address);
        }
    }

    @Test
    void whenFewerFailuresThanTheLimitThenNotRefused() {
        fail("client-a", ADDRESS, PER_CLIENT_ID - 1);

        assertThat(throttle.refusal("client-a", ADDRESS)).isEmpty();
    }

    @Test
    void whenLimitReachedThenThatClientIdRefusedWithRetryAfterAndAnotherNot() {
        fail("client-a", ADDRESS, PER_CLIENT_ID);

        assertThat(throttle.refusal("client-a", "198.51.100.7")).hasValueSatisfying(refusal -> {
            assertThat(refusal.limit()).isEqualTo(FailedAuthenticationThrottle.Limit.CLIENT_ID);
            assertThat(refusal.retryAfterSeconds()).isEqualTo(10);
        });
        assertThat(throttle.refusal("client-b", ADDRESS)).isEmpty();
    }

    @Test
    void whenFailuresSpreadOverMoreThanTheWindowThenNotRefused() {
        fail("client-a", ADDRESS, PER_CLIENT_ID - 1);
        clock.advance(Duration.ofSeconds(61));
        fail("client-a", ADDRESS, PER_CLIENT_ID - 1);

        assertThat(throttle.refusal("client-a", ADDRESS)).isEmpty();
    }

    @Test
    void whenBlockRunsOutThenClientMayTryAgain() {
        fail("client-a", ADDRESS, PER_CLIENT_ID);
        clock.advance(Duration.ofMillis(9_500));
        assertThat(throttle.refusal("client-a", ADDRESS)).hasValueSatisfying(
                refusal -> assertThat(refusal.retryAfterSeconds()).isEqualTo(1));

        clock.advance(Duration.ofMillis(500));

        assertThat(throttle.refusal("client-a", ADDRESS)).isEmpty();
    }

    @Test
    void whenFailuresDuringABlockThenTheyDoNotLengthenIt() {
        fail("client-a", ADDRESS, PER_CLIENT_ID);
        fail("client-a", ADDRESS, 100);

        clock.advance(Duration.ofSeconds(10));

        assertThat(throttle.refusal("client-a", ADDRESS)).isEmpty();
    }

    @Test
    void whenBlockedAgainThenEachBlockDoublesUpToTheCap() {
        long[] expected = {10, 20, 40, 60, 60};
        for (long seconds : expected) {
            fail("client-a", "192.0.2." + seconds, PER_CLIENT_ID);
            assertThat(throttle.refusal("client-a", ADDRESS)).get()
                    .extracting(FailedAuthenticationThrottle.Refusal::retryAfterSeconds).isEqualTo(seconds);
            clock.advance(Duration.ofSeconds(seconds));
            assertThat(throttle.refusal("client-a", ADDRESS)).isEmpty();
        }
    }

    @Test
    void whenQuietForTheCapAfterABlockThenTheDoublingStartsOver() {
        fail("client-a", ADDRESS, PER_CLIENT_ID);
        clock.advance(Duration.ofSeconds(10));
        fail("client-a", ADDRESS, PER_CLIENT_ID);
        clock.advance(Duration.ofSeconds(20 + 60));

        fail("client-a", ADDRESS, PER_CLIENT_ID);

        assertThat(throttle.refusal("client-a", ADDRESS)).get()
                .extracting(FailedAuthenticationThrottle.Refusal::retryAfterSeconds).isEqualTo(10L);
    }

    @Test
    void whenManyClientIdsFailFromOneAddressThenTheAddressIsRefusedForEveryClientId() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            throttle.recordFailure("client-" + i, ADDRESS);
        }

        assertThat(throttle.refusal("never-seen", ADDRESS)).hasValueSatisfying(
                refusal -> assertThat(refusal.limit()).isEqualTo(FailedAuthenticationThrottle.Limit.ADDRESS));
        assertThat(throttle.refusal(null, ADDRESS)).isPresent();
        assertThat(throttle.refusal("never-seen", "192.0.2.11")).isEmpty();
    }

    @Test
    void whenNoClientIdPresentedThenOnlyTheAddressCounts() {
        fail(null, ADDRESS, PER_ADDRESS);

        assertThat(throttle.refusal(null, ADDRESS)).isPresent();
    }

    @Test
    void whenIpv6AddressesShareASlash64ThenTheyCountAsOne() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            throttle.recordFailure("client-" + i, "2001:db8:0:1:0:0:0:" + Integer.toHexString(i + 1));
        }

        assertThat(throttle.refusal("other", "2001:db8:0:1:ffff:0:0:1")).isPresent();
        assertThat(throttle.refusal("other", "2001:db8:0:2:0:0:0:1")).isEmpty();
    }

    @Test
    void whenClientIdLongerThanAnyRealOneThenKeyedByItsStartAndBlockedLikeAnother() {
        String longId = "x".repeat(10_000);

        fail(longId, ADDRESS, PER_CLIENT_ID);

        assertThat(FailedAuthenticationThrottle.clientIdKey(longId)).hasSize(FailedAuthenticationThrottle.CLIENT_ID_KEY_CHARS);
        assertThat(throttle.refusal(longId, "198.51.100.7")).isPresent();
    }

    @Test
    void whenThousandsOfUnknownClientIdsFailThenMemoryStaysWithinTheBound() {
        FailedAuthenticationThrottle bounded = throttle(100);

        for (int i = 0; i < 20_000; i++) {
            bounded.recordFailure(UUID.randomUUID().toString(), "10.0." + (i / 250) + "." + (i % 250));
        }

        assertThat(bounded.trackedKeys()).isLessThanOrEqualTo(200);
    }

    @Test
    void whenEntriesCanMatterNoMoreThenTheyAreDropped() {
        fail("client-a", ADDRESS, PER_CLIENT_ID);

        clock.advance(Duration.ofMinutes(1).plusSeconds(121));

        assertThat(throttle.trackedKeys()).isZero();
    }
}
