package dev.serviceaccounts.web.security;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;

/**
 * A calling service account as {@link CompanyAccessPolicy} needs it.
 *
 * @param companyId   the account's company
 * @param functional  ACTIVE with an intact contact (docs/design.md §3 "functional"); a caller that is not
 *                    functional holds nothing
 * @param grants      its company tool levels and project memberships
 * @param tokenCutoff its token cutoff; null when it never had one
 */
public record CallerAccount(CompanyId companyId, boolean functional, CallerRights grants, TokenCutoff tokenCutoff) {

    /** @return what the account holds now: its grants while functional, nothing otherwise */
    public CallerRights rights() {
        return functional ? grants : CallerRights.NONE;
    }
}
