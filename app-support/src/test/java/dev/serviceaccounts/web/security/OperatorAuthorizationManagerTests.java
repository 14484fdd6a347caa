package dev.serviceaccounts.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Only the operator's verified token passes; every other caller, anonymous included, is refused. */
class OperatorAuthorizationManagerTests {

    private static final String OPERATOR_ID = "operator";

    private static final String REVOKED_JTI = "revoked-token";

    private final OperatorAuthorizationManager manager = new OperatorAuthorizationManager(REVOKED_JTI::equals);
    private final RequestAuthorizationContext context = new RequestAuthorizationContext(new MockHttpServletRequest());

    @Test
    void whenOperatorTokenThenGranted() {
        assertThat(granted(verified(token(OPERATOR_ID)))).isTrue();
    }

    @Test
    void whenOperatorTokenRevokedThenRefused() {
        Instant now = Instant.now();
        Jwt revoked = Jwt.withTokenValue("test-token").header("alg", "ES256").header("typ", "at+jwt")
                .subject(OPERATOR_ID).claim("client_id", OPERATOR_ID).jti(REVOKED_JTI)
                .issuedAt(now).expiresAt(now.plusSeconds(60)).build();

        assertThat(granted(verified(revoked))).isFalse();
    }

    @Test
    void whenServiceAccountTokenThenRefused() {
        assertThat(granted(verified(token("sa-admin")))).isFalse();
    }

    @Test
    void whenAnonymousThenRefused() {
        assertThat(granted(new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isFalse();
    }

    @Test
    void whenOperatorTokenNotVerifiedThenRefused() {
        Authentication unverified = verified(token(OPERATOR_ID));
        unverified.setAuthenticated(false);

        assertThat(granted(unverified)).isFalse();
    }

    /** @return a decoded access token of {@code clientId}, as the resource server hands it on */
    private static Jwt token(String clientId) {
        Instant now = Instant.now();
        return Jwt.withTokenValue("test-token").header("alg", "ES256").header("typ", "at+jwt")
                .subject(clientId).claim("client_id", clientId).jti("token-of-" + clientId).issuedAt(now).expiresAt(now.plusSeconds(60)).build();
    }

    /** @return the authentication the resource server makes of a verified token */
    private static Authentication verified(Jwt token) {
        return new CallerAuthenticationConverter(OPERATOR_ID).convert(token);
    }

    private boolean granted(Authentication authentication) {
        return manager.authorize(() -> authentication, context).isGranted();
    }
}
