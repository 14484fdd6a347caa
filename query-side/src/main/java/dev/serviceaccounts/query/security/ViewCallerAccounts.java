package dev.serviceaccounts.query.security;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.query.token.TokenEligibilityView;
import dev.serviceaccounts.web.security.CallerAccount;
import dev.serviceaccounts.web.security.CallerAccounts;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The query side reads a caller's account (functional, company tool levels, token cutoff) from this instance's
 * in-memory token-eligibility view ({@link TokenEligibilityView}): the view every command's 2xx waits for
 * (docs/token-freshness.md), so a token issued before a reset, deactivation or deletion is refused from the very
 * next request after its 2xx (docs/design.md §4, "tokens die with their credentials"), and no request reads the
 * database for it. Companies: {@link dev.serviceaccounts.query.company.CompanyPathCheck} answers 404 for an
 * unknown company in a path before any endpoint runs, so the policy takes every company it is asked about as
 * existing.
 */
@Component
public class ViewCallerAccounts implements CallerAccounts {

    private final TokenEligibilityView view;

    public ViewCallerAccounts(TokenEligibilityView view) {
        this.view = view;
    }

    @Override
    public boolean companyExists(CompanyId companyId) {
        return true;
    }

    @Override
    public Optional<CallerAccount> find(String clientId) {
        return view.find(clientId).map(client -> new CallerAccount(new CompanyId(client.companyId()),
                client.functional(), CallerRights.of(client.account().permissions(), Map.of()),
                client.tokenCutoff()));
    }
}
