package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;

/**
 * A command to an existing service account about the account itself. {@code companyId} is the company the caller
 * acts in, which must own the account ({@link Scope#OWNER}): an account of another company answers "not found"
 * (docs/design.md §4), a deleted one accepts nothing (invariant 7).
 */
public interface ServiceAccountCommand extends CompanyScopedCommand {

    /** @return the target account */
    ServiceAccountId serviceAccountId();

    /** @return the company the caller acts in */
    CompanyId companyId();
}
