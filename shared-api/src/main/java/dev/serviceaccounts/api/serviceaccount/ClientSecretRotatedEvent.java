package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;
import java.time.Instant;

/** {@code newSecret} was added; {@code previousSecretId} stops working at {@code previousExpiresAt}. */
public record ClientSecretRotatedEvent(ServiceAccountId serviceAccountId, CompanyId companyId, HashedSecret newSecret,
                                       SecretId previousSecretId, Instant previousExpiresAt) {
}
