package dev.serviceaccounts.web.security;

import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * An authenticated request of both apps: its verified access token, and the {@link Caller} made of it as the
 * principal. No granted authorities: what a caller may do depends on the company it acts in
 * ({@link CompanyAccessPolicy}).
 */
public final class CallerAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

    /**
     * @param token  the verified access token
     * @param caller who the token names
     */
    public CallerAuthentication(Jwt token, Caller caller) {
        super(token, caller, token, List.of());
        setAuthenticated(true);
    }

    /** @return the caller this token names */
    public Caller caller() {
        return (Caller) getPrincipal();
    }

    @Override
    public Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return caller().clientId();
    }
}
