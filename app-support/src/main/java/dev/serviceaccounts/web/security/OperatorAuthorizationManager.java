package dev.serviceaccounts.web.security;

import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request only to the platform operator: a verified access token whose {@link Caller} is the
 * operator ({@link CallerAuthenticationConverter}). Guards what only the operator may see, such as the actuator
 * endpoints other than health (their per-reason counters would tell whether a {@code client_id} exists). A revoked
 * operator token ({@link RevokedTokens}) is refused like any other caller's: to it the actuator does not exist.
 */
public final class OperatorAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    private final Predicate<String> revoked;

    /** @param revoked whether the token of this {@code jti} was revoked ({@link RevokedTokens#revoked}) */
    public OperatorAuthorizationManager(Predicate<String> revoked) {
        this.revoked = revoked;
    }

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return new AuthorizationDecision(isOperator(authentication.get()));
    }

    /** Still abstract in Spring Security 6; answers as {@link #authorize}. */
    @Deprecated
    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return new AuthorizationDecision(isOperator(authentication.get()));
    }

    private boolean isOperator(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof Caller caller && caller.operator()
                && !revoked.test(caller.tokenId());
    }
}
