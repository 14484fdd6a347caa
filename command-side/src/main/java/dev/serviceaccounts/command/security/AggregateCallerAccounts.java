package dev.serviceaccounts.command.security;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.command.company.Companies;
import dev.serviceaccounts.command.serviceaccount.ClientIdRegistry;
import dev.serviceaccounts.command.serviceaccount.ServiceAccounts;
import dev.serviceaccounts.web.security.CallerAccount;
import dev.serviceaccounts.web.security.CallerAccounts;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The command side reads a caller's account from its own aggregate, never from a view, so that a revoked right
 * or a reset takes effect on the very next request (docs/design.md §4); companies from their aggregates.
 */
@Component
public class AggregateCallerAccounts implements CallerAccounts {

    private final ClientIdRegistry clientIds;
    private final ServiceAccounts serviceAccounts;
    private final Companies companies;

    public AggregateCallerAccounts(ClientIdRegistry clientIds, ServiceAccounts serviceAccounts, Companies companies) {
        this.clientIds = clientIds;
        this.serviceAccounts = serviceAccounts;
        this.companies = companies;
    }

    @Override
    public boolean companyExists(CompanyId companyId) {
        return companies.exists(companyId);
    }

    @Override
    public Optional<CallerAccount> find(String clientId) {
        return clientIds.find(clientId).flatMap(serviceAccounts::rightsOf)
                .map(rights -> new CallerAccount(rights.companyId(), rights.functional(),
                        CallerRights.of(rights.companyPermissions(), rights.projects()), rights.tokenCutoff()));
    }
}
