package dev.serviceaccounts.command.security;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.company.Companies;
import dev.serviceaccounts.command.serviceaccount.AccountRights;
import dev.serviceaccounts.command.serviceaccount.ClientIdRegistry;
import dev.serviceaccounts.command.serviceaccount.ServiceAccounts;
import dev.serviceaccounts.support.config.CommonProperties;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * Who may do what (docs/design.md §4). The operator may act in any existing company. A service account may act
 * only in its own company, and only with the tool level the action needs, read from its aggregate (not a
 * view) so that a revoked right takes effect on the very next request, and never with a token issued before
 * the account's last reset, deactivation or deletion (401). Another company is 404, never 403.
 */
@Service
public class CallerAuthorization {

    private final CommonProperties properties;
    private final ClientIdRegistry clientIds;
    private final ServiceAccounts serviceAccounts;
    private final Companies companies;

    public CallerAuthorization(CommonProperties properties, ClientIdRegistry clientIds,
                               ServiceAccounts serviceAccounts, Companies companies) {
        this.properties = properties;
        this.clientIds = clientIds;
        this.serviceAccounts = serviceAccounts;
        this.companies = companies;
    }

    /** @return the caller named by a verified access token */
    public Caller caller(Jwt token) {
        String clientId = token.getClaimAsString("client_id");
        boolean operator = properties.operatorClientId().equals(clientId);
        String company = token.getClaimAsString("company_id");
        return new Caller(clientId, Optional.ofNullable(company).map(CompanyId::new), operator,
                operator ? CallerRights.OPERATOR : CallerRights.NONE);
    }

    /**
     * @throws DomainException FORBIDDEN unless the caller is the operator
     */
    public Caller requireOperator(Jwt token) {
        Caller caller = caller(token);
        if (!caller.operator()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the platform operator may do this");
        }
        return caller;
    }

    /**
     * @return the caller, with its rights as its aggregate holds them now (for commands that hand out a
     *         credential, docs/design.md §4)
     * @throws DomainException NOT_FOUND when the company does not exist or is not the caller's;
     *                         TOKEN_REVOKED (401) when the token was issued before the caller's account was
     *                         last reset, deactivated or deleted, or minted from a state before that event (its
     *                         {@code account_version} claim, {@link TokenCutoff}), whatever it holds now;
     *                         FORBIDDEN when the caller's effective level on {@code tool} is below {@code level}
     */
    public Caller requireCompanyLevel(Jwt token, CompanyId companyId, CompanyTool tool, PermissionLevel level) {
        Caller caller = caller(token);
        if (caller.operator()) {
            if (!companies.exists(companyId)) {
                throw DomainException.notFound("Company");
            }
            return caller;
        }
        if (caller.companyId().filter(companyId::equals).isEmpty()) {
            throw DomainException.notFound("Company");
        }
        AccountRights rights = clientIds.find(caller.clientId())
                .flatMap(serviceAccounts::rightsOf)
                .filter(found -> found.companyId().equals(companyId))
                .orElse(null);
        Long accountVersion = TokenCutoff.accountVersion(token.getClaim(TokenCutoff.ACCOUNT_VERSION_CLAIM));
        if (rights != null && rights.tokenRevoked(token.getIssuedAt(), accountVersion)) {
            throw new DomainException(ErrorCode.TOKEN_REVOKED, "This access token was issued before the account's "
                    + "secret was last reset, or before it was deactivated or deleted; it never counts again. "
                    + "Get a new token from POST /oauth/token.");
        }
        PermissionLevel effective = rights == null ? PermissionLevel.NONE : rights.effectiveLevel(tool);
        if (!effective.atLeast(level)) {
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "This needs " + level + " on the company " + tool + " tool");
        }
        return caller.withRights(rights == null ? CallerRights.NONE : rights.asIssuer());
    }
}
