package dev.serviceaccounts.query.security;

import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.query.web.NotFoundException;
import dev.serviceaccounts.query.web.RevokedTokenException;
import dev.serviceaccounts.support.config.CommonProperties;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * Who may read what (docs/design.md §4). The operator reads every company. A service account reads only its own
 * company, and only while it is functional (ACTIVE, email unchanged, home directory only, per the view):
 * an auditor (Admin tool READ_ONLY or higher) reads the service accounts; the directory is also open to
 * Directory tool READ_ONLY or higher. Directory ADMIN implies ADMIN on every tool. Another company is
 * 404, never 403. A token issued before its account's last reset, deactivation or deletion, or minted from a
 * state of the account before it (its {@code account_version} claim), is refused with 401, whatever the
 * account holds now ({@link TokenCutoff}).
 */
@Service
public class QueryAuthorization {

    private final CommonProperties properties;
    private final CallerAccounts views;

    public QueryAuthorization(CommonProperties properties, CallerAccounts views) {
        this.properties = properties;
        this.views = views;
    }

    /**
     * Allows reading the company's service accounts.
     *
     * @throws NotFoundException     when {@code companyId} is not the caller's company
     * @throws RevokedTokenException when the token was issued before the account's token cutoff
     * @throws AccessDeniedException when the caller is not functional or lacks READ_ONLY on the Admin tool
     */
    public void requireAuditor(Jwt token, String companyId) {
        requireReadOn(token, companyId, CompanyTool.ADMIN);
    }

    /**
     * Allows reading the company's directory.
     *
     * @throws NotFoundException     when {@code companyId} is not the caller's company
     * @throws RevokedTokenException when the token was issued before the account's token cutoff
     * @throws AccessDeniedException when the caller is not functional or lacks READ_ONLY on both the Admin
     *                               and the Directory tool
     */
    public void requireDirectoryReader(Jwt token, String companyId) {
        requireReadOn(token, companyId, CompanyTool.ADMIN, CompanyTool.DIRECTORY);
    }

    /** @return whether the caller is the operator, who reads every company */
    public boolean isOperator(Jwt token) {
        return properties.operatorClientId().equals(token.getClaimAsString("client_id"));
    }

    /**
     * Whether the caller may read the company itself (its id, name and creation time): the operator, or an
     * auditor of that company as for {@link #requireAuditor}.
     *
     * @throws RevokedTokenException when the token was issued before the account's token cutoff
     */
    public boolean mayReadCompany(Jwt token, String companyId) {
        try {
            requireAuditor(token, companyId);
            return true;
        } catch (NotFoundException | AccessDeniedException e) {
            return false;
        }
    }

    private void requireReadOn(Jwt token, String companyId, CompanyTool... tools) {
        if (isOperator(token)) {
            return;
        }
        String clientId = token.getClaimAsString("client_id");
        if (!companyId.equals(token.getClaimAsString("company_id"))) {
            throw new NotFoundException("Company");
        }
        Optional<ServiceAccountView> account = views.findByClientId(clientId);
        Long accountVersion = TokenCutoff.accountVersion(token.getClaim(TokenCutoff.ACCOUNT_VERSION_CLAIM));
        if (account.filter(caller -> TokenCutoff.revoked(token.getIssuedAt(), accountVersion, caller.tokenCutoff()))
                .isPresent()) {
            throw new RevokedTokenException();
        }
        boolean allowed = account
                .filter(caller -> caller.functional() && caller.companyId().equals(companyId))
                .filter(caller -> readsOnAny(caller, tools))
                .isPresent();
        if (!allowed) {
            throw new AccessDeniedException("This needs a functional account with READ_ONLY or higher on "
                    + (tools.length == 1 ? "the company " + tools[0] + " tool" : "one of " + Arrays.toString(tools)));
        }
    }

    private static boolean readsOnAny(ServiceAccountView caller, CompanyTool... tools) {
        CompanyPermissions permissions = new CompanyPermissions(caller.permissions());
        return Arrays.stream(tools).anyMatch(tool -> permissions.effectiveLevel(tool).atLeast(PermissionLevel.READ_ONLY));
    }
}
