package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds {@code newSecret}; the current secret keeps working until {@code previousExpiresAt} (its grace
 * period), permissions are kept. At most two secrets are active: rotating again during a grace period is
 * rejected.
 */
public record RotateClientSecretCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                        CompanyId companyId, HashedSecret newSecret, Instant previousExpiresAt) implements ServiceAccountCommand {
}
