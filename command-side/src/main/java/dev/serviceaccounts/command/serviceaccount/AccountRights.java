package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;

/** A service account's rights as its aggregate holds them now. */
public record AccountRights(ServiceAccountId serviceAccountId, CompanyId companyId, AccountStatus status,
                            CompanyPermissions companyPermissions) {

    /**
     * @return the effective level on {@code tool} (DIRECTORY ADMIN implies ADMIN everywhere); NONE when
     *         the account is not ACTIVE
     */
    public PermissionLevel effectiveLevel(CompanyTool tool) {
        return status == AccountStatus.ACTIVE ? companyPermissions.effectiveLevel(tool) : PermissionLevel.NONE;
    }
}
