package dev.serviceaccounts.query.security;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountViews;
import dev.serviceaccounts.web.security.CallerAccount;
import dev.serviceaccounts.web.security.CallerAccounts;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The query side reads a caller's account from its service-account view (functional, company tool levels,
 * token cutoff). Companies: {@link dev.serviceaccounts.query.company.CompanyPathCheck} answers 404 for an
 * unknown company in a path before any endpoint runs, so the policy takes every company it is asked about as
 * existing.
 */
@Component
public class ViewCallerAccounts implements CallerAccounts {

    private final ServiceAccountViews views;

    public ViewCallerAccounts(ServiceAccountViews views) {
        this.views = views;
    }

    @Override
    public boolean companyExists(CompanyId companyId) {
        return true;
    }

    @Override
    public Optional<CallerAccount> find(String clientId) {
        return views.findByClientId(clientId).map(view -> new CallerAccount(new CompanyId(view.companyId()),
                view.functional(), CallerRights.of(new CompanyPermissions(view.permissions()), Map.of()),
                view.tokenCutoff()));
    }
}
