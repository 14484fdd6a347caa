package dev.serviceaccounts.query.token;

import java.util.Map;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request to a client-authenticated endpoint (token, introspection, revocation) after parsing, not yet
 * authenticated: the client credentials it presents (RFC 6749 §2.3.1) and its parameters. Made by
 * {@link ClientRequestConverter}; its secret is never printed ({@link #toString} hides credentials).
 */
public final class ClientRequest extends AbstractAuthenticationToken {

    private final String clientId;
    private String clientSecret;
    private final Map<String, String> parameters;

    /**
     * @param clientId     null when the request carries no client authentication
     * @param clientSecret null when the request carries no client authentication
     * @param parameters   the body's parameters, each once
     */
    public ClientRequest(String clientId, String clientSecret, Map<String, String> parameters) {
        super(null);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.parameters = Map.copyOf(parameters);
    }

    /** @return the {@code client_id} presented; null when none */
    public String clientId() {
        return clientId;
    }

    /** @return the client secret presented; null when none (or once erased) */
    public String clientSecret() {
        return clientSecret;
    }

    /** @return the body parameter {@code name}; null when absent */
    public String parameter(String name) {
        return parameters.get(name);
    }

    @Override
    public Object getPrincipal() {
        return clientId;
    }

    @Override
    public Object getCredentials() {
        return clientSecret;
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        clientSecret = null;
    }
}
