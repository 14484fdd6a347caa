package dev.serviceaccounts.api.permission;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import java.util.Map;

/** The account is a member of {@code projectId} with these project tool levels (levels above NONE only). */
public record ProjectMembershipSetEvent(ServiceAccountId serviceAccountId, CompanyId companyId, String projectId,
                                        Map<ProjectTool, PermissionLevel> permissions) implements CompanyScopedEvent {
}
