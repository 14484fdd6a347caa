package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.query.serviceaccount.SecretUsages;
import dev.serviceaccounts.query.token.FailedAuthenticationThrottle;
import dev.serviceaccounts.query.token.ClientEndpointFilter;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP, on a system of its own with short limits: the token endpoint's brute-force limits per
 * {@code client_id} (docs/decisions.md D25) and each secret's {@code lastUsedAt} (D26). The per-address limit is
 * set out of reach here (every request of a test comes from one address); {@code FailedAuthenticationThrottleTests}
 * covers it.
 */
class BruteForceLimitsTests {

    private static final int PER_CLIENT_ID = 3;
    private static final int TRACKED_KEYS = 20;

    private static TestSystem system;
    private static Api api;
    private static TestCompany company;

    @BeforeAll
    static void start() {
        system = TestSystem.start(TestSystem.newDataDirectory(), Map.of(
                "service-accounts.failure-delay", "20ms",
                "service-accounts.failure-limits.per-client-id", Integer.toString(PER_CLIENT_ID),
                "service-accounts.failure-limits.per-address", "1000000",
                "service-accounts.failure-limits.first-block", "2s",
                "service-accounts.failure-limits.max-block", "4s",
                "service-accounts.failure-limits.tracked-keys", Integer.toString(TRACKED_KEYS)));
        api = system.api();
        company = api.company("Brute force " + UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void whenClientIdFailsTooOftenThenRefused429WithRetryAfterAnotherUnaffectedAndTheBlockEndsByItself()
            throws Exception {
        JsonNode attacked = company.account("attacked");
        JsonNode other = company.account("other");
        String clientId = attacked.get("clientId").asText();
        double throttledBefore = throttled();

        for (int i = 0; i < PER_CLIENT_ID; i++) {
            assertThat(api.tokenBasic(clientId, "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = api.tokenBasic(clientId, attacked.get("clientSecret").asText());

        assertRefused(refused);
        assertThat(throttled()).isEqualTo(throttledBefore + 1);
        assertThat(api.tokenBasic(other.get("clientId").asText(), other.get("clientSecret").asText()).statusCode())
                .isEqualTo(200);
        Thread.sleep(Duration.ofSeconds(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .plusMillis(100).toMillis());
        assertThat(api.tokenBasic(clientId, attacked.get("clientSecret").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void whenUnknownClientIdFailsTooOftenThenRefusedJustLikeAKnownOne() {
        String unknown = "unknown-" + UUID.randomUUID();

        for (int i = 0; i < PER_CLIENT_ID; i++) {
            assertThat(api.tokenBasic(unknown, "wrong-" + i).statusCode()).isEqualTo(401);
        }

        assertRefused(api.tokenBasic(unknown, "anything"));
    }

    @Test
    void whenManyUnknownClientIdsFailThenTheThrottleHoldsNoMoreThanItsBound() {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 10 * TRACKED_KEYS; i++) {
            answers.add(api.tokenBasicAsync("flood-" + UUID.randomUUID(), "wrong"));
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.join().statusCode()).isEqualTo(401));
        assertThat(meters().get(FailedAuthenticationThrottle.TRACKED_KEYS).gauge().value())
                .isLessThanOrEqualTo(2.0 * TRACKED_KEYS);
    }

    @Test
    void whenSecretGetsTokensThenItsLastUsedAtShowsAndIsWrittenOncePerMinute() throws Exception {
        JsonNode account = company.account("used");
        String clientId = account.get("clientId").asText();
        String secret = account.get("clientSecret").asText();
        assertThat(company.awaitView(account, shown -> shown.has("secrets")).get("secrets").get(0).has("lastUsedAt"))
                .isFalse();
        double writesBefore = settledWrites();
        Instant before = Instant.now().minusSeconds(1);

        for (int i = 0; i < 5; i++) {
            assertThat(api.tokenBasic(clientId, secret).statusCode()).isEqualTo(200);
        }

        JsonNode view = company.awaitView(account, shown -> shown.get("secrets").get(0).has("lastUsedAt"));
        Instant lastUsedAt = Instant.parse(view.get("secrets").get(0).get("lastUsedAt").asText());
        assertThat(lastUsedAt).isBetween(before, Instant.now());
        assertThat(settledWrites()).isEqualTo(writesBefore + 1);
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(Api.json(response).get("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    private static MeterRegistry meters() {
        return system.apps().querySide().getBean(MeterRegistry.class);
    }

    private static double throttled() {
        return meters().counter(ClientEndpointFilter.THROTTLED, "limit", "client_id").count();
    }

    /** @return the secret-usage writes so far, once no write has been counted for 300 ms */
    private static double settledWrites() throws InterruptedException {
        double writes = meters().counter(SecretUsages.WRITES).count();
        while (true) {
            Thread.sleep(300);
            double now = meters().counter(SecretUsages.WRITES).count();
            if (now == writes) {
                return now;
            }
            writes = now;
        }
    }
}
