package dev.serviceaccounts.query.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.serviceaccounts.api.permission.PermissionScopes;
import java.time.Clock;
import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;

/**
 * The token endpoint, {@code POST /oauth/token}, for the client credentials grant (RFC 6749 §4.4;
 * docs/design.md §6), served by {@link ClientEndpointFilter}. Another grant is 400 {@code unsupported_grant_type}.
 * Scopes ({@link PermissionScopes}, docs/decisions.md D27): the token carries the requested scope values, or all
 * the account holds when none is requested; a value that is unknown or above what the account holds now is 400
 * {@code invalid_scope}.
 */
@Component
public class TokenEndpoint implements ClientEndpoint {

    /** The path of this endpoint. */
    public static final String PATH = "/oauth/token";
    private static final OAuth2Error UNSUPPORTED_GRANT_TYPE = new OAuth2Error(OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE,
            "Only grant_type=client_credentials is supported", null);
    private static final OAuth2Error INVALID_SCOPE = new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
            "Ask for scope values <tool>:<level> (such as documents:read-only) that the account holds now, or omit "
                    + "scope for all it holds; the values are listed in scopes_supported of the metadata", null);

    private final AccessTokenIssuer issuer;
    private final Clock clock;

    public TokenEndpoint(AccessTokenIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public List<String> requiredParameters() {
        return List.of(OAuth2ParameterNames.GRANT_TYPE);
    }

    /** @return {@code {access_token, token_type: "Bearer", expires_in, created_at}} */
    @Override
    public TokenResponse answer(ClientRequest request, ClientAuthenticator.AuthenticatedClient client) {
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(request.parameter(OAuth2ParameterNames.GRANT_TYPE))) {
            throw new OAuth2AuthenticationException(UNSUPPORTED_GRANT_TYPE);
        }
        String scope = PermissionScopes.granted(request.parameter(OAuth2ParameterNames.SCOPE), client.permissions())
                .map(granted -> String.join(" ", granted))
                .orElseThrow(() -> new OAuth2AuthenticationException(INVALID_SCOPE));
        AccessTokenIssuer.IssuedToken token = issuer.issue(client.clientId(), client.companyId(), clock.instant(),
                client.tokenCutoff(), client.accountVersion(), scope);
        return new TokenResponse(token.value(), "Bearer", token.expiresIn(), token.issuedAt().getEpochSecond(),
                scope.isEmpty() ? null : scope);
    }

    /**
     * RFC 6749 §5.1 success body, plus Procore's {@code created_at}.
     *
     * @param expiresIn seconds
     * @param createdAt Unix seconds
     * @param scope     the granted scope values, space-separated; null (left out) when none
     */
    record TokenResponse(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") long expiresIn,
                         @JsonProperty("created_at") long createdAt,
                         @JsonProperty("scope") @JsonInclude(JsonInclude.Include.NON_NULL) String scope) {
    }
}
