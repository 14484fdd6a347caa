package dev.serviceaccounts.api.permission;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds the account to a project, or changes its project tool levels there (a missing tool is NONE). */
public record SetProjectMembershipCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                          CompanyId companyId, String projectId,
                                          Map<ProjectTool, PermissionLevel> permissions) implements CompanyScopedCommand {
}
