package dev.serviceaccounts.command.config;

import dev.serviceaccounts.api.IssuerIdentifier;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the command side, under {@code service-accounts}.
 *
 * @param issuer              expected {@code iss} of access tokens (the query side's issuer URL), normalised
 *                            by {@link IssuerIdentifier} (no trailing slash); an invalid one stops the start
 * @param audience            expected {@code aud} of access tokens
 * @param operatorClientId    {@code client_id} of the built-in operator (DESIGN §4)
 * @param contactEmailDomain  domain of the generated directory emails of service-account contacts
 */
@ConfigurationProperties("service-accounts")
public record ServiceAccountsProperties(
        @DefaultValue("http://localhost:8080") URI issuer,
        @DefaultValue("service-accounts-api") String audience,
        @DefaultValue("operator") String operatorClientId,
        @DefaultValue("service-accounts.invalid") String contactEmailDomain) {

    /** @throws IllegalArgumentException when {@code issuer} is not an issuer URL; Spring Boot then stops the start */
    public ServiceAccountsProperties {
        issuer = IssuerIdentifier.normalise(issuer, "service-accounts.issuer (SA_ISSUER)");
    }
}
