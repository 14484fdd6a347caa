package dev.serviceaccounts.api.permission;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes the account from a project. */
public record RemoveProjectMembershipCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                             CompanyId companyId, String projectId) implements ServiceAccountCommand {
}
