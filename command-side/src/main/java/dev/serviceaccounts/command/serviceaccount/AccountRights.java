package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import java.util.Map;

/**
 * A service account's rights as its aggregate holds them now.
 *
 * @param contactIntact    its email is the generated one and it is in its home directory only
 * @param projects         project memberships: project id to its levels above NONE
 * @param tokenCutoff   its {@link TokenCutoff}: tokens issued before it, or minted from a state before the event
 *                      that set it, no longer count; null when none
 */
public record AccountRights(ServiceAccountId serviceAccountId, CompanyId companyId, AccountStatus status,
                            boolean contactIntact, CompanyPermissions companyPermissions,
                            Map<String, Map<ProjectTool, PermissionLevel>> projects, TokenCutoff tokenCutoff) {

    /**
     * @return true when the account works: ACTIVE with an intact contact (docs/design.md §3 "functional", the
     *         rule of {@link AccountState#functional(AccountStatus, boolean)})
     */
    public boolean functional() {
        return AccountState.functional(status, contactIntact);
    }

    /**
     * @return the effective level on {@code tool} (DIRECTORY ADMIN implies ADMIN everywhere); NONE when
     *         the account is not functional
     */
    public PermissionLevel effectiveLevel(CompanyTool tool) {
        return AccountState.effectiveLevel(functional(), companyPermissions, tool);
    }
}
