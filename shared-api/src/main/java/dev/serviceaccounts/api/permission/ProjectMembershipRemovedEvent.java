package dev.serviceaccounts.api.permission;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;

/** The account is no longer a member of {@code projectId}. */
public record ProjectMembershipRemovedEvent(ServiceAccountId serviceAccountId, CompanyId companyId, String projectId)
        implements CompanyScopedEvent {
}
