package dev.serviceaccounts.api.permission;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;

/** The account's level on a company tool is now {@code level} (above NONE); it was {@code previousLevel}. */
public record CompanyPermissionGrantedEvent(
        ServiceAccountId serviceAccountId, CompanyId companyId, CompanyTool tool,
        PermissionLevel level, PermissionLevel previousLevel) implements CompanyScopedEvent {
}
