package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.directory.ContactId;
import java.time.Instant;

/**
 * A service account exists, with one secret (hash only), NONE on every tool, and a contact of kind
 * SERVICE_ACCOUNT in its home company's directory.
 */
public record ServiceAccountCreatedEvent(
        ServiceAccountId serviceAccountId,
        CompanyId companyId,
        String name,
        AppType appType,
        String marketplaceAppId,
        ClientId clientId,
        HashedSecret secret,
        ContactId contactId,
        String contactEmail,
        Instant createdAt) {
}
