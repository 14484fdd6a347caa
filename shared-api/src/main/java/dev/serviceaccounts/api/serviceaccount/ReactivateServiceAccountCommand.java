package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reactivates a deactivated account. */
public record ReactivateServiceAccountCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                       CompanyId companyId) implements ServiceAccountCommand {
}
