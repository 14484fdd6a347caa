package dev.serviceaccounts.web.security;

import dev.serviceaccounts.api.id.CompanyId;
import java.util.Optional;

/**
 * Where one side reads what {@link CompanyAccessPolicy} needs to know: the command side from the aggregates
 * (so that a revoked right applies on the very next request), the query side from its views.
 */
public interface CallerAccounts {

    /** @return whether the company exists (the operator acts only in an existing company) */
    boolean companyExists(CompanyId companyId);

    /** @return the service account of {@code clientId} as this side knows it now; empty when unknown */
    Optional<CallerAccount> find(String clientId);
}
