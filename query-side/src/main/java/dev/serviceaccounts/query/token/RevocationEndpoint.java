package dev.serviceaccounts.query.token;

import dev.serviceaccounts.web.security.RevokedTokens;
import java.util.List;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Token revocation, {@code POST /oauth/revoke} (RFC 7009), served by {@link ClientEndpointFilter}: the caller
 * authenticates as a client and names the token in {@code token} ({@code token_type_hint} is accepted and ignored,
 * §2.1: we have access tokens only). A client may revoke its own tokens, the operator any token of ours. Every
 * well-formed request of an authenticated client is answered 200 with an empty body (§2.2), also for a token that
 * is unknown, not ours, expired, or another client's, which are left as they are: the answer tells nothing about
 * the token. A revoked token is inactive at introspection and refused with 401 {@code TOKEN_REVOKED} by the APIs
 * of both sides until it expires ({@link RevokedTokens}, docs/decisions.md D24).
 */
@Component
public class RevocationEndpoint implements ClientEndpoint {

    /** The path of this endpoint. */
    public static final String PATH = "/oauth/revoke";

    private final JwtDecoder decoder;
    private final RevokedTokens revokedTokens;

    public RevocationEndpoint(JwtDecoder decoder, RevokedTokens revokedTokens) {
        this.decoder = decoder;
        this.revokedTokens = revokedTokens;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public List<String> requiredParameters() {
        return List.of(OAuth2ParameterNames.TOKEN);
    }

    /** @return null: the 200 answer has no body */
    @Override
    public Object answer(ClientRequest request, ClientAuthenticator.AuthenticatedClient client) {
        Jwt token;
        try {
            token = decoder.decode(request.parameter(OAuth2ParameterNames.TOKEN));
        } catch (JwtException e) {
            return null;
        }
        if (client.operator() || client.clientId().equals(token.getClaimAsString("client_id"))) {
            revokedTokens.revoke(token.getId(), token.getExpiresAt());
        }
        return null;
    }
}
