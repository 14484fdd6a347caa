package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;
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
        Instant createdAt) implements CompanyScopedEvent {
}
