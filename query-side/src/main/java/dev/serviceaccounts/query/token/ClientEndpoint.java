package dev.serviceaccounts.query.token;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * One endpoint of the token service that a client calls with its own credentials: the token endpoint
 * (RFC 6749), introspection (RFC 7662) and revocation (RFC 7009). {@link ClientEndpointFilter} serves them
 * all the same way: POST only, one {@link ClientRequestConverter}, one {@link ClientAuthenticator}, the same
 * failure delay and {@code invalid_client} answer, {@code Cache-Control: no-store}.
 */
interface ClientEndpoint {

    /** @return the path this endpoint serves, such as {@code /oauth/token} */
    String path();

    /** @return the parameters a request must carry, checked before the client is authenticated */
    List<String> requiredParameters();

    /**
     * Answers the request of an authenticated client.
     *
     * @return the 200 response body, written as JSON; null for an empty body
     * @throws OAuth2AuthenticationException the RFC 6749 §5.2 error to answer with (400)
     */
    Object answer(ClientRequest request, ClientAuthenticator.AuthenticatedClient client);
}
