package dev.serviceaccounts.command.config;

import dev.serviceaccounts.support.config.CommonProperties;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the command side, under {@code service-accounts}; those both sides share (issuer, audience, operator)
 * are in {@link CommonProperties}.
 *
 * @param contactEmailDomain  domain of the generated directory emails of service-account contacts
 * @param tokenViews          how a command on a service account waits for the query side's token views
 * @param jwksUri             where the public keys that verify access tokens are fetched (the query side's JWKS);
 *                            empty means the issuer's {@code /oauth/jwks}
 */
@ConfigurationProperties("service-accounts")
public record ServiceAccountsProperties(
        @DefaultValue("service-accounts.invalid") String contactEmailDomain,
        @DefaultValue TokenViews tokenViews,
        @DefaultValue("") String jwksUri) {

    /** @return {@code jwksUri}, or {@code issuer} + {@code /oauth/jwks} when it is empty */
    public URI jwksUri(URI issuer) {
        return jwksUri.isBlank() ? URI.create(issuer + "/oauth/jwks") : URI.create(jwksUri);
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
