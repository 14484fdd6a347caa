package dev.serviceaccounts.api.permission;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;

/** The account's level on a company tool is now {@code level} (above NONE); it was {@code previousLevel}. */
public record CompanyPermissionGrantedEvent(
        ServiceAccountId serviceAccountId, CompanyId companyId, CompanyTool tool,
        PermissionLevel level, PermissionLevel previousLevel) {
}
