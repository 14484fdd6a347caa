package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.web.security.RevokedTokens;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Token introspection, {@code POST /oauth/introspect} (RFC 7662), served by {@link ClientEndpointFilter}: the
 * caller authenticates as a client (the operator, or any functional service account), and names the token in the
 * {@code token} parameter ({@code token_type_hint} is accepted and ignored: we have access tokens only).
 *
 * <p>Who may introspect what: the operator any token of ours; a service account its own tokens and, as an auditor
 * of its company (Admin tool READ_ONLY or higher), every token of its company.
 * Every other case is answered {@code {"active": false}}, never an error, so that the answer tells nothing about
 * another company's tokens (docs/design.md §4, docs/decisions.md D8). The token is inactive when it fails the query
 * side's own decoder ({@link AccessTokenVerification}: signature with our keys, {@code typ: at+jwt}, issuer, audience,
 * required claims), has expired (no clock skew here), was revoked ({@link RevokedTokens}), or belongs to an account
 * that is unknown, not functional, or whose cutoff it predates ({@link TokenCutoff}: {@code iat} and
 * {@code account_version}). When active the answer holds the token's claims and the account's current company
 * and project permissions, read from the in-memory token-eligibility view (live, not the token's snapshot).
 */
@Component
public class IntrospectionEndpoint implements ClientEndpoint {

    /** The path of this endpoint. */
    public static final String PATH = "/oauth/introspect";
    private static final Map<String, Object> INACTIVE = Map.of(OAuth2TokenIntrospectionClaimNames.ACTIVE, false);

    private final JwtDecoder decoder;
    private final TokenEligibilityView view;
    private final RevokedTokens revokedTokens;
    private final CommonProperties common;
    private final Clock clock;

    public IntrospectionEndpoint(JwtDecoder decoder, TokenEligibilityView view, RevokedTokens revokedTokens,
                                 CommonProperties common, Clock clock) {
        this.decoder = decoder;
        this.view = view;
        this.revokedTokens = revokedTokens;
        this.common = common;
        this.clock = clock;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public List<String> requiredParameters() {
        return List.of(OAuth2ParameterNames.TOKEN);
    }

    /**
     * @return {@code {"active": false}}, or {@code {active: true, client_id, sub, company_id, scope (when the token
     *         has one), exp, iat, iss, token_type: "Bearer", aud, jti, permissions, projects}} ({@code exp} and
     *         {@code iat} in Unix seconds; {@code company_id}, {@code permissions} and {@code projects} absent for
     *         an operator token)
     */
    @Override
    public Map<String, Object> answer(ClientRequest request, ClientAuthenticator.AuthenticatedClient client) {
        Jwt token = verified(request.parameter(OAuth2ParameterNames.TOKEN)).orElse(null);
        if (token == null || !token.getExpiresAt().isAfter(clock.instant()) || revokedTokens.revoked(token.getId())) {
            return INACTIVE;
        }
        String clientId = token.getClaimAsString("client_id");
        if (common.operatorClientId().equals(clientId)) {
            return client.operator() ? active(token, null) : INACTIVE;
        }
        AccountState account = view.find(clientId).map(EligibleClient::account).orElse(null);
        if (account == null || !account.functional()
                || !Objects.equals(account.companyId(), token.getClaimAsString("company_id"))
                || TokenCutoff.revoked(token.getIssuedAt(), TokenCutoff.accountVersion(
                        token.getClaim(TokenCutoff.ACCOUNT_VERSION_CLAIM)), account.tokenCutoff())
                || !mayIntrospect(client, clientId, account)) {
            return INACTIVE;
        }
        return active(token, account);
    }

    /**
     * @return true for the operator, for the token's own client, and for an auditor of the token's company (Admin
     *         tool READ_ONLY or higher, as for reading its service accounts: docs/design.md §4), who may see the
     *         account's permissions anyway
     */
    private static boolean mayIntrospect(ClientAuthenticator.AuthenticatedClient caller, String tokenClientId,
                                         AccountState account) {
        if (caller.operator() || caller.clientId().equals(tokenClientId)) {
            return true;
        }
        return account.companyId().equals(caller.companyId())
                && caller.permissions().effectiveLevel(CompanyTool.ADMIN).atLeast(PermissionLevel.READ_ONLY);
    }

    private Optional<Jwt> verified(String value) {
        try {
            return Optional.of(decoder.decode(value));
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> active(Jwt token, AccountState account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(OAuth2TokenIntrospectionClaimNames.ACTIVE, true);
        body.put(OAuth2TokenIntrospectionClaimNames.CLIENT_ID, token.getClaimAsString("client_id"));
        body.put(OAuth2TokenIntrospectionClaimNames.SUB, token.getSubject());
        if (account != null) {
            body.put("company_id", account.companyId());
        }
        if (token.hasClaim(OAuth2TokenIntrospectionClaimNames.SCOPE)) {
            body.put(OAuth2TokenIntrospectionClaimNames.SCOPE, token.getClaim(OAuth2TokenIntrospectionClaimNames.SCOPE));
        }
        body.put(OAuth2TokenIntrospectionClaimNames.EXP, token.getExpiresAt().getEpochSecond());
        body.put(OAuth2TokenIntrospectionClaimNames.IAT, token.getIssuedAt().getEpochSecond());
        body.put(OAuth2TokenIntrospectionClaimNames.ISS, token.getClaimAsString("iss"));
        body.put(OAuth2TokenIntrospectionClaimNames.TOKEN_TYPE, "Bearer");
        body.put(OAuth2TokenIntrospectionClaimNames.AUD, token.getAudience());
        body.put(OAuth2TokenIntrospectionClaimNames.JTI, token.getId());
        if (account != null) {
            body.put("permissions", account.permissions().levels());
            body.put("projects", account.projects());
        }
        return body;
    }
}
