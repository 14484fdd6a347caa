package dev.serviceaccounts.support.config;

import dev.serviceaccounts.api.IssuerIdentifier;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings under {@code service-accounts} that mean the same on both sides; each side's own settings are
 * in its own record under the same prefix.
 *
 * @param issuer           {@code iss} of the access tokens (minted by the query side, expected by both) and the
 *                         RFC 8414 issuer identifier, normalised by {@link IssuerIdentifier} (no trailing slash);
 *                         an invalid one stops the start
 * @param audience         {@code aud} of the access tokens
 * @param operatorClientId {@code client_id} of the built-in operator (docs/design.md §4)
 * @param eventFetchDelay  how often the event store is polled for new events by a tracking processor that has
 *                         caught up (the query side's; the command side runs none)
 * @param eventLookBack    how far before the newest event it has read a tracking processor looks again for commits
 *                         that became visible late: a commit stamped earlier than that when it lands is never
 *                         delivered (docs/decisions.md D37)
 * @param eventBatchSize   how many commits one read of the event store returns at most, a tracking processor's
 *                         fetch among them (a replay reads the store in as many fetches as it has commits / this;
 *                         docs/decisions.md D42)
 */
@ConfigurationProperties("service-accounts")
public record CommonProperties(
        @DefaultValue("http://localhost:8080") URI issuer,
        @DefaultValue("service-accounts-api") String audience,
        @DefaultValue("operator") String operatorClientId,
        @DefaultValue("25ms") Duration eventFetchDelay,
        @DefaultValue("30s") Duration eventLookBack,
        @DefaultValue("1000") int eventBatchSize) {

    /** @throws IllegalArgumentException when {@code issuer} is not an issuer URL; Spring Boot then stops the start */
    public CommonProperties {
        issuer = IssuerIdentifier.normalise(issuer, "service-accounts.issuer (SA_ISSUER)");
    }
}
