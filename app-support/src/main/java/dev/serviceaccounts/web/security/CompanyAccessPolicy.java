package dev.serviceaccounts.web.security;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.web.problem.AccessRefusedException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Who may do what, for both sides (docs/design.md §4). The operator may act in any existing company. A service
 * account may act only in its own company (another company is 404, never 403), only while functional and with
 * the tool level the action needs (403 FORBIDDEN), and never with a token issued before its account's last
 * reset, deactivation or deletion, or minted from a state of the account before it (401 TOKEN_REVOKED,
 * {@link TokenCutoff}), whatever the account holds now. Each side says where it reads the caller's account
 * ({@link CallerAccounts}). A token revoked by RFC 7009 ({@link RevokedTokens}) is refused the same way, for every
 * caller, the operator included.
 */
public final class CompanyAccessPolicy {

    private final CallerAccounts accounts;
    private final RevokedTokens revokedTokens;

    /**
     * @param accounts      this side's source of the callers' accounts
     * @param revokedTokens the tokens revoked before their expiry, shared by both sides
     */
    public CompanyAccessPolicy(CallerAccounts accounts, RevokedTokens revokedTokens) {
        this.accounts = accounts;
        this.revokedTokens = revokedTokens;
    }

    /**
     * For an endpoint that acts in no company: the caller's token still counts.
     *
     * @throws AccessRefusedException TOKEN_REVOKED when the token was revoked, or is a service account's token
     *                                issued before its account's cutoff
     */
    public void requireCurrentToken(Caller caller) {
        requireNotRevoked(caller);
        if (!caller.operator() && accounts.find(caller.clientId()).filter(found -> TokenCutoff.revoked(
                caller.issuedAt(), caller.accountVersion(), found.tokenCutoff())).isPresent()) {
            throw cutOff();
        }
    }

    /** @throws AccessRefusedException TOKEN_REVOKED when the token was revoked; FORBIDDEN unless the caller is the operator */
    public void requireOperator(Caller caller) {
        requireNotRevoked(caller);
        if (!caller.operator()) {
            throw new AccessRefusedException(ErrorCode.FORBIDDEN, "Only the platform operator may do this");
        }
    }

    /**
     * @param anyOf the tools of which one is enough
     * @return what the caller holds now (everything for the operator), as a credential command carries it
     * @throws AccessRefusedException TOKEN_REVOKED when the token was revoked or no longer counts; NOT_FOUND
     *                                when the company does not exist or is not the caller's; FORBIDDEN when the caller
     *                                is not functional or its effective level on each of {@code anyOf} is
     *                                below {@code level}
     */
    public CallerRights require(Caller caller, CompanyId companyId, PermissionLevel level, CompanyTool... anyOf) {
        requireNotRevoked(caller);
        if (caller.operator()) {
            if (!accounts.companyExists(companyId)) {
                throw new AccessRefusedException(ErrorCode.NOT_FOUND, "Company not found");
            }
            return CallerRights.OPERATOR;
        }
        if (caller.companyId().filter(companyId::equals).isEmpty()) {
            throw new AccessRefusedException(ErrorCode.NOT_FOUND, "Company not found");
        }
        Optional<CallerAccount> account = accounts.find(caller.clientId())
                .filter(found -> found.companyId().equals(companyId));
        if (account.filter(found -> TokenCutoff.revoked(caller.issuedAt(), caller.accountVersion(),
                found.tokenCutoff())).isPresent()) {
            throw cutOff();
        }
        CallerRights rights = account.map(CallerAccount::rights).orElse(CallerRights.NONE);
        if (Arrays.stream(anyOf).noneMatch(tool -> rights.companyLevel(tool).atLeast(level))) {
            throw new AccessRefusedException(ErrorCode.FORBIDDEN, "This needs a functional account with " + level
                    + " or higher on " + (anyOf.length == 1 ? "the company " + anyOf[0] + " tool"
                    : "one of the company tools " + Arrays.toString(anyOf)));
        }
        return rights;
    }

    /**
     * @return whether {@link #require} lets the caller in; false where it would answer 404 or 403
     * @throws AccessRefusedException TOKEN_REVOKED when the token no longer counts
     */
    public boolean allows(Caller caller, CompanyId companyId, PermissionLevel level, CompanyTool... anyOf) {
        try {
            require(caller, companyId, level, anyOf);
            return true;
        } catch (AccessRefusedException e) {
            if (e.code() == ErrorCode.TOKEN_REVOKED) {
                throw e;
            }
            return false;
        }
    }

    private void requireNotRevoked(Caller caller) {
        if (revokedTokens.revoked(caller.tokenId())) {
            throw new AccessRefusedException(ErrorCode.TOKEN_REVOKED, "This access token was revoked "
                    + "(POST /oauth/revoke); it never counts again. Get a new token from POST /oauth/token.");
        }
    }

    private static AccessRefusedException cutOff() {
        return new AccessRefusedException(ErrorCode.TOKEN_REVOKED, "This access token was issued before the "
                + "account's secret was last reset, or before it was deactivated or deleted; it never counts "
                + "again. Get a new token from POST /oauth/token.");
    }
}
