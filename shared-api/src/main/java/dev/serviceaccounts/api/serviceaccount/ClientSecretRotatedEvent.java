package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import java.time.Instant;

/** {@code newSecret} was added; {@code previousSecretId} stops working at {@code previousExpiresAt}. */
public record ClientSecretRotatedEvent(ServiceAccountId serviceAccountId, CompanyId companyId, HashedSecret newSecret,
                                       SecretId previousSecretId, Instant previousExpiresAt)
        implements CompanyScopedEvent {
}
