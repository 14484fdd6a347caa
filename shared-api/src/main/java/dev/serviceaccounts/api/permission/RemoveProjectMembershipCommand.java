package dev.serviceaccounts.api.permission;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes the account from a project. */
public record RemoveProjectMembershipCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                             CompanyId companyId, String projectId) implements CompanyScopedCommand {
}
