package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.permission.PermissionScopes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.DefaultOAuth2AccessTokenResponseMapConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;

/**
 * The token endpoint, {@code POST /oauth/token}, for the client credentials grant (RFC 6749 §4.4;
 * docs/design.md §6), served by {@link ClientEndpointFilter}. Another grant is 400 {@code unsupported_grant_type}.
 * Scopes ({@link PermissionScopes}, docs/decisions.md D27): the token carries the requested scope values, or all
 * the account holds when none is requested; a value that is unknown or above what the account holds now is 400
 * {@code invalid_scope}. Served only with {@code service-accounts.token-endpoint=filter} (the default); with
 * {@code authorization-server}, Spring Authorization Server serves this path ({@link AuthorizationServerTokenEndpoint},
 * docs/decisions.md D29).
 */
@Component
@ConditionalOnProperty(name = TokenEndpoint.DESIGN_PROPERTY, havingValue = "filter", matchIfMissing = true)
public class TokenEndpoint implements ClientEndpoint {

    /** The path of this endpoint. */
    public static final String PATH = "/oauth/token";
    /** The setting that chooses who serves this path: {@code filter} (default) or {@code authorization-server}. */
    public static final String DESIGN_PROPERTY = "service-accounts.token-endpoint";
    /** Procore's extra success parameter: when the token was issued, Unix seconds. */
    static final String CREATED_AT = "created_at";
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

    /**
     * @return {@code {access_token, token_type: "Bearer", expires_in, created_at, scope}} (RFC 6749 §5.1, plus
     *         Procore's {@code created_at} in Unix seconds; {@code scope} only when the token carries one), written
     *         by Spring's {@link org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter}
     */
    @Override
    public OAuth2AccessTokenResponse answer(ClientRequest request, ClientAuthenticator.AuthenticatedClient client) {
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(request.parameter(OAuth2ParameterNames.GRANT_TYPE))) {
            throw new OAuth2AuthenticationException(UNSUPPORTED_GRANT_TYPE);
        }
        Set<String> scopes = PermissionScopes.granted(request.parameter(OAuth2ParameterNames.SCOPE), client.permissions())
                .orElseThrow(() -> new OAuth2AuthenticationException(INVALID_SCOPE));
        AccessTokenIssuer.IssuedToken token = issuer.issue(client.clientId(), client.companyId(), clock.instant(),
                client.tokenCutoff(), client.accountVersion(), String.join(" ", scopes));
        return response(token.value(), token.issuedAt(), token.issuedAt().plusSeconds(token.expiresIn()), scopes);
    }

    /**
     * @param scopes the granted scope values, in order; none leaves {@code scope} out
     * @return the success body of a token issued at {@code issuedAt}, with Procore's {@code created_at}
     */
    static OAuth2AccessTokenResponse response(String token, Instant issuedAt, Instant expiresAt, Set<String> scopes) {
        return OAuth2AccessTokenResponse.withToken(token)
                .tokenType(OAuth2AccessToken.TokenType.BEARER)
                .expiresIn(expiresAt.getEpochSecond() - issuedAt.getEpochSecond())
                .scopes(scopes)
                .additionalParameters(Map.of(CREATED_AT, issuedAt.getEpochSecond()))
                .build();
    }

    /**
     * Spring's writer of a token response, but {@code expires_in} is the token's lifetime ({@code exp - iat}, the
     * configured TTL, 5400 s by default, as Procore answers) rather than Spring's seconds left from the moment of
     * writing, which the whole-second {@code iat} makes one less. Spring writes {@code token_type} as
     * {@code "Bearer"} ({@link OAuth2AccessToken.TokenType#BEARER}).
     *
     * @return a new converter; thread-safe once made
     */
    static OAuth2AccessTokenResponseHttpMessageConverter responseWriter() {
        DefaultOAuth2AccessTokenResponseMapConverter parameters = new DefaultOAuth2AccessTokenResponseMapConverter();
        OAuth2AccessTokenResponseHttpMessageConverter writer = new OAuth2AccessTokenResponseHttpMessageConverter();
        writer.setAccessTokenResponseParametersConverter(response -> {
            Map<String, Object> written = parameters.convert(response);
            OAuth2AccessToken token = response.getAccessToken();
            written.put(OAuth2ParameterNames.EXPIRES_IN,
                    token.getExpiresAt().getEpochSecond() - token.getIssuedAt().getEpochSecond());
            return written;
        });
        return writer;
    }
}
