package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reactivates a deactivated account. */
public record ReactivateServiceAccountCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                       CompanyId companyId) implements ServiceAccountCommand {
}
