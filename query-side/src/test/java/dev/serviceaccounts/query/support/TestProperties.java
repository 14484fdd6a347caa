package dev.serviceaccounts.query.support;

import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.support.config.CommonProperties;
import java.net.URI;
import java.time.Duration;

/** Query-side settings for unit tests: operator {@value #OPERATOR_ID} with secret {@value #OPERATOR_SECRET}. */
public final class TestProperties {

    /** The operator's {@code client_id}. */
    public static final String OPERATOR_ID = "operator";
    /** The operator's secret. */
    public static final String OPERATOR_SECRET = "operator-test-secret";
    /** The key-encryption key of the signing keys (32 bytes, base64url). */
    public static final String KEY_ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    private TestProperties() {
    }

    /** @return the settings both sides share, defaults as in {@code query-side.yml} */
    public static CommonProperties common() {
        return new CommonProperties(URI.create("http://localhost:8080"), "service-accounts-api", OPERATOR_ID,
                Duration.ofMillis(25), Duration.ofSeconds(30), 1000);
    }

    /** @return the query side's own settings, defaults as in {@code query-side.yml} */
    public static ServiceAccountsProperties properties() {
        return new ServiceAccountsProperties(OPERATOR_SECRET, Duration.ofSeconds(5400), Duration.ofMillis(300),
                "test-node", true, KEY_ENCRYPTION_KEY, new ServiceAccountsProperties.TokenView(100,
                        Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(1)),
                new ServiceAccountsProperties.SigningKeys(Duration.ofDays(30), Duration.ofSeconds(10),
                        ServiceAccountsProperties.SigningProvider.AUTO),
                new ServiceAccountsProperties.FailureLimits(20, 300, Duration.ofMinutes(1), Duration.ofSeconds(10),
                        Duration.ofMinutes(2), 100_000),
                new ServiceAccountsProperties.SecretUsage(Duration.ofMinutes(1), 100_000));
    }
}
