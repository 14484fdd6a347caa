package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyId;

/**
 * A command to an existing service account. {@code companyId} is the company the caller acts in: an
 * account of another company answers "not found" (docs/design.md §4), a deleted one accepts nothing (invariant 7).
 */
public interface ServiceAccountCommand {

    /** @return the target account */
    ServiceAccountId serviceAccountId();

    /** @return the company the caller acts in */
    CompanyId companyId();
}
