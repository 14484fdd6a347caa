package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.stereotype.Component;

/**
 * Authenticates a client (Spring Security's {@link AuthenticationProvider} for a {@link ClientRequest}) against the
 * in-memory {@link TokenEligibilityView} (and the operator), never the database. Every path hashes the presented
 * secret, so unknown and known clients cost the same. The result is an authenticated
 * {@link UsernamePasswordAuthenticationToken} whose principal is the {@link AuthenticatedClient}; a failure is a
 * {@link Failure}: {@code invalid_client} (RFC 6749 §5.2) whatever the reason, the reason kept for metrics only.
 */
@Component
public class ClientAuthenticator implements AuthenticationProvider {

    private final TokenEligibilityView view;
    private final OperatorCredentials operator;
    private final PasswordEncoder secretEncoder;
    private final Clock clock;
    /** Compared against for an unknown client, so that it costs what a known one costs. */
    private final String unknownClientHash;

    public ClientAuthenticator(TokenEligibilityView view, OperatorCredentials operator, PasswordEncoder secretEncoder,
                               Clock clock) {
        this.view = view;
        this.operator = operator;
        this.secretEncoder = secretEncoder;
        this.clock = clock;
        this.unknownClientHash = secretEncoder.encode("no client has this secret");
    }

    /**
     * @param authentication a {@link ClientRequest}
     * @return an authenticated token whose principal is the {@link AuthenticatedClient}, checked at the clock's now
     * @throws Failure {@code invalid_client}, see {@link #authenticate(ClientRequest, Instant)}
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        return authenticate((ClientRequest) authentication, clock.instant());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ClientRequest.class.isAssignableFrom(authentication);
    }

    /**
     * @return an authenticated token whose principal is the {@link AuthenticatedClient}
     * @throws Failure {@code invalid_client}, its {@link Failure#reason()} one of: no credentials, unknown client,
     *                 wrong or expired secret, or an account that is not functional
     *                 ({@code not_functional_deactivated}, {@code _deleted}, {@code _email_changed},
     *                 {@code _in_foreign_directory})
     */
    Authentication authenticate(ClientRequest request, Instant now) {
        AuthenticatedClient client = client(request.clientId(), request.clientSecret(), now);
        return UsernamePasswordAuthenticationToken.authenticated(client, null, AuthorityUtils.NO_AUTHORITIES);
    }

    private AuthenticatedClient client(String clientId, String clientSecret, Instant now) {
        if (clientId == null || clientSecret == null) {
            throw new Failure("no_credentials");
        }
        if (operator.clientId().equals(clientId)) {
            if (!operator.matches(clientSecret)) {
                throw new Failure("wrong_secret");
            }
            return new AuthenticatedClient(clientId, null, null, null, null, null, null);
        }
        EligibleClient client = view.find(clientId).orElse(null);
        if (client == null) {
            secretEncoder.matches(clientSecret, unknownClientHash);
            throw new Failure("unknown_client");
        }
        String secretId = client.matchingSecret(secretEncoder, clientSecret, now).orElse(null);
        if (secretId == null) {
            throw new Failure("wrong_secret");
        }
        if (!client.functional()) {
            throw new Failure("not_functional_" + client.refusal().name().toLowerCase(Locale.ROOT));
        }
        return new AuthenticatedClient(clientId, client.companyId(), client.tokenCutoff(),
                client.version(), client.account().serviceAccountId(), secretId, client.account().permissions());
    }

    /**
     * @param companyId      null for the operator
     * @param tokenCutoff    the account's token cutoff ({@code notBefore} is the earliest {@code iat} its new token
     *                       may carry); null for the operator and for an account never reset, deactivated or deleted
     * @param accountVersion the sequence number of the account's last event the eligibility entry had applied, for
     *                       the token's {@code account_version} claim; null for the operator
     * @param serviceAccountId the account's id; null for the operator
     * @param secretId       the id of the secret presented; null for the operator
     * @param permissions    the account's company permissions now, which bound the scopes it may ask for; null for
     *                       the operator
     */
    public record AuthenticatedClient(String clientId, String companyId, TokenCutoff tokenCutoff, Long accountVersion,
                                      String serviceAccountId, String secretId, CompanyPermissions permissions) {

        /** @return true for the built-in operator, which belongs to no company */
        public boolean operator() {
            return companyId == null;
        }

        /** @return the client of an authentication made by {@link ClientAuthenticator} */
        public static AuthenticatedClient of(Authentication authentication) {
            return (AuthenticatedClient) authentication.getPrincipal();
        }
    }

    /**
     * A failed client authentication: always {@code invalid_client} with the same description (docs/decisions.md
     * D15), its {@link #reason()} for metrics and audit only, never for the response. Without a stack trace: a
     * flood of failures costs no stack walks, and the throw site says nothing the reason does not.
     */
    public static final class Failure extends OAuth2AuthenticationException {

        private static final OAuth2Error INVALID_CLIENT = new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                "Client authentication failed", null);

        private final String reason;

        Failure(String reason) {
            super(INVALID_CLIENT);
            this.reason = reason;
        }

        /** @return why the client was refused, such as {@code wrong_secret} (a metrics tag) */
        public String reason() {
            return reason;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
