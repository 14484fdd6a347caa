package dev.serviceaccounts.command.config;

import dev.serviceaccounts.api.IssuerIdentifier;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the command side, under {@code service-accounts}.
 *
 * @param issuer              expected {@code iss} of access tokens (the query side's issuer URL), normalised
 *                            by {@link IssuerIdentifier} (no trailing slash); an invalid one stops the start
 * @param audience            expected {@code aud} of access tokens
 * @param operatorClientId    {@code client_id} of the built-in operator (docs/design.md §4)
 * @param contactEmailDomain  domain of the generated directory emails of service-account contacts
 * @param tokenViews          how a command on a service account waits for the query side's token views
 */
@ConfigurationProperties("service-accounts")
public record ServiceAccountsProperties(
        @DefaultValue("http://localhost:8080") URI issuer,
        @DefaultValue("service-accounts-api") String audience,
        @DefaultValue("operator") String operatorClientId,
        @DefaultValue("service-accounts.invalid") String contactEmailDomain,
        @DefaultValue TokenViews tokenViews) {

    /** @throws IllegalArgumentException when {@code issuer} is not an issuer URL; Spring Boot then stops the start */
    public ServiceAccountsProperties {
        issuer = IssuerIdentifier.normalise(issuer, "service-accounts.issuer (SA_ISSUER)");
    }

    /**
     * The wait of a command on a service account for every live query-side instance's token view (see
     * {@code docs/token-freshness.md}).
     *
     * @param timeout          longest wait; after it the command is answered anyway (its events are stored),
     *                         with a warning and the {@code sa.command.token_views.timeouts} counter
     * @param pollInterval     how often the acknowledgements are read while waiting
     * @param instanceLiveness a query-side instance whose last heartbeat is older than this is not waited for
     *                         (logged once as WARN); generous (sixty heartbeats), since wrongly taking a busy
     *                         instance for dead would answer without waiting for it, while an instance that died
     *                         without leaving the registry only costs waits of {@code timeout} until then
     */
    public record TokenViews(
            @DefaultValue("3s") Duration timeout,
            @DefaultValue("5ms") Duration pollInterval,
            @DefaultValue("30s") Duration instanceLiveness) {
    }
}
