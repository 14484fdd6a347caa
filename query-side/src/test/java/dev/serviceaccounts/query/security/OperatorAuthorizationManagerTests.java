package dev.serviceaccounts.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.query.support.TestProperties;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import dev.serviceaccounts.query.support.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Only the operator's verified token passes; every other caller, anonymous included, is refused. */
class OperatorAuthorizationManagerTests {

    private final OperatorAuthorizationManager manager = new OperatorAuthorizationManager(TestProperties.OPERATOR_ID);
    private final RequestAuthorizationContext context = new RequestAuthorizationContext(new MockHttpServletRequest());

    @Test
    void whenOperatorTokenThenGranted() {
        assertThat(granted(verified(TestTokens.operator()))).isTrue();
    }

    @Test
    void whenServiceAccountTokenThenRefused() {
        TestServiceAccounts account = TestServiceAccounts.custom().named("admin");
        assertThat(granted(verified(TestTokens.of(account)))).isFalse();
    }

    @Test
    void whenAnonymousThenRefused() {
        assertThat(granted(new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isFalse();
    }

    @Test
    void whenOperatorTokenNotVerifiedThenRefused() {
        assertThat(granted(new JwtAuthenticationToken(TestTokens.operator()))).isFalse();
    }

    /** @return the authentication the resource server makes of a verified token */
    private static Authentication verified(Jwt token) {
        return new JwtAuthenticationToken(token, List.of());
    }

    private boolean granted(Authentication authentication) {
        return manager.authorize(() -> authentication, context).isGranted();
    }
}
