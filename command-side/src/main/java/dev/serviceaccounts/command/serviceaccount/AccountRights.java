package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;

/**
 * A service account's rights as its aggregate holds them now.
 *
 * @param contactIntact its email is the generated one and it is in its home directory only
 */
public record AccountRights(ServiceAccountId serviceAccountId, CompanyId companyId, AccountStatus status,
                            boolean contactIntact, CompanyPermissions companyPermissions) {

    /** @return true when the account works: ACTIVE with an intact contact (DESIGN §3 "functional") */
    public boolean functional() {
        return status == AccountStatus.ACTIVE && contactIntact;
    }

    /**
     * @return the effective level on {@code tool} (DIRECTORY ADMIN implies ADMIN everywhere); NONE when
     *         the account is not functional
     */
    public PermissionLevel effectiveLevel(CompanyTool tool) {
        return functional() ? companyPermissions.effectiveLevel(tool) : PermissionLevel.NONE;
    }
}
