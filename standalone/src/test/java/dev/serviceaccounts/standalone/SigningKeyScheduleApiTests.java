package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.SigningKeyRotationApiTests.kid;
import static dev.serviceaccounts.standalone.SigningKeyRotationApiTests.publishedKids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.StoredSigningKeys;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signing keys' schedule over HTTP (docs/design.md §6, D23), on a system of its own with short periods (a
 * rotation every 6 s, tokens living 3 s, reloads every 0.5 s): a new key signs without any call once the
 * rotation period has passed, and the retired key leaves the JWKS and the database once its tokens have expired.
 */
class SigningKeyScheduleApiTests {

    private static TestSystem system;
    private static Api api;

    @BeforeAll
    static void start() {
        system = TestSystem.start(TestSystem.newDataDirectory(), Map.of(
                "service-accounts.token-ttl", "3s",
                "service-accounts.signing-keys.rotation-period", "6s",
                "service-accounts.signing-keys.reload-period", "500ms"));
        api = system.api();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void whenRotationPeriodPassesThenNewKeySignsAndRetiredKeyDroppedOnceItsTokensExpired() throws Exception {
        String first = kid(api.operatorToken());

        await(() -> !kid(api.operatorToken()).equals(first), Duration.ofSeconds(20));
        String next = kid(api.operatorToken());
        assertThat(publishedKids(system.queryUrl())).as("just after the rotation").contains(first, next);

        await(() -> !publishedKids(system.queryUrl()).contains(first), Duration.ofSeconds(20));
        // the instance drops the key from its JWKS, then deletes its document: the two are not one step
        await(() -> StoredSigningKeys.documents(system).stream().noneMatch(key -> first.equals(key.getString("kid"))),
                Duration.ofSeconds(5));
        String current = api.operatorToken();
        assertThat(publishedKids(system.queryUrl())).contains(kid(current));
        assertThat(api.query(current, "/api/v1/companies").statusCode()).isEqualTo(200);
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", within).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
