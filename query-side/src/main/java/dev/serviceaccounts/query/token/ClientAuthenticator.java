package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import java.time.Instant;
import java.util.Locale;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Authenticates a client against the in-memory {@link TokenEligibilityView} (and the operator), never
 * the database. Every path hashes the presented secret, so unknown and known clients cost the same.
 */
@Component
public class ClientAuthenticator {

    private final TokenEligibilityView view;
    private final OperatorCredentials operator;
    private final PasswordEncoder secretEncoder;
    /** Compared against for an unknown client, so that it costs what a known one costs. */
    private final String unknownClientHash;

    public ClientAuthenticator(TokenEligibilityView view, OperatorCredentials operator, PasswordEncoder secretEncoder) {
        this.view = view;
        this.operator = operator;
        this.secretEncoder = secretEncoder;
        this.unknownClientHash = secretEncoder.encode("no client has this secret");
    }

    /**
     * @return the authenticated client, or the reason it failed: no credentials, unknown client, wrong or
     *         expired secret, or an account that is not functional ({@code not_functional_deactivated},
     *         {@code _deleted}, {@code _email_changed}, {@code _in_foreign_directory})
     */
    public Result authenticate(String clientId, String clientSecret, Instant now) {
        if (clientId == null || clientSecret == null) {
            return Result.failure("no_credentials");
        }
        if (operator.clientId().equals(clientId)) {
            return operator.matches(clientSecret)
                    ? Result.success(new AuthenticatedClient(clientId, null, null, null, null, null, null))
                    : Result.failure("wrong_secret");
        }
        EligibleClient client = view.find(clientId).orElse(null);
        if (client == null) {
            secretEncoder.matches(clientSecret, unknownClientHash);
            return Result.failure("unknown_client");
        }
        String secretId = client.matchingSecret(secretEncoder, clientSecret, now).orElse(null);
        if (secretId == null) {
            return Result.failure("wrong_secret");
        }
        if (!client.functional()) {
            return Result.failure("not_functional_" + client.refusal().name().toLowerCase(Locale.ROOT));
        }
        return Result.success(new AuthenticatedClient(clientId, client.companyId(), client.tokenCutoff(),
                client.version(), client.account().serviceAccountId(), secretId, client.account().permissions()));
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
    }

    /**
     * Either a client or the reason of the failure (for metrics and audit only, never for the response).
     */
    public record Result(AuthenticatedClient client, String failureReason) {

        static Result success(AuthenticatedClient client) {
            return new Result(client, null);
        }

        static Result failure(String reason) {
            return new Result(null, reason);
        }

        /** @return true when the client is authenticated */
        public boolean authenticated() {
            return client != null;
        }
    }
}
