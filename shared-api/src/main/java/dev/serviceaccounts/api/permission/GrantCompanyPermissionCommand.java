package dev.serviceaccounts.api.permission;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * GrantPermission on a company tool: sets the account's level on {@code tool}; {@link PermissionLevel#NONE}
 * revokes. {@code companyId} is the company the caller acts in: an account of another company is "not found".
 */
public record GrantCompanyPermissionCommand(
        @TargetAggregateIdentifier ServiceAccountId serviceAccountId, CompanyId companyId,
        CompanyTool tool, PermissionLevel level) implements CompanyScopedCommand {
}
