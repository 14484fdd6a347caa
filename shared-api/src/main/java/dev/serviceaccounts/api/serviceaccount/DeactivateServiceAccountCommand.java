package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deactivates the account: its secrets stop working until it is reactivated. */
public record DeactivateServiceAccountCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                       CompanyId companyId) implements ServiceAccountCommand {
}
