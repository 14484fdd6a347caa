package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.permission.PermissionScopes;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Spring Authorization Server's clients, read from the in-memory {@link TokenEligibilityView} and the operator
 * ({@code service-accounts.token-endpoint=authorization-server} only, docs/decisions.md D29). A functional account
 * is a client of the client credentials grant, {@code client_secret_basic} and {@code client_secret_post}, with the
 * scopes it holds now ({@link PermissionScopes}) and the configured token lifetime; a non-functional or unknown one
 * is no client. Two secrets: SAS holds one secret per client, an account up to two during a rotation's grace, so
 * the client's secret is the newest active hash, for display only: {@link AuthorizationServerTokenEndpoint} checks
 * the presented secret with {@link ClientAuthenticator} against every active secret, as the default endpoint does.
 * Built on each lookup (the view changes under it); never saved through here: accounts are made by commands.
 */
class ViewRegisteredClients implements RegisteredClientRepository {

    private final TokenEligibilityView view;
    private final OperatorCredentials operator;
    private final TokenSettings tokenSettings;
    private final Clock clock;

    ViewRegisteredClients(TokenEligibilityView view, OperatorCredentials operator, ServiceAccountsProperties properties,
                          Clock clock) {
        this.view = view;
        this.operator = operator;
        this.tokenSettings = TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build();
        this.clock = clock;
    }

    /** @throws UnsupportedOperationException always: clients are service accounts, made by commands */
    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("Service accounts are created through the command API");
    }

    /** @param id a service account's id, or the operator's {@code client_id} */
    @Override
    public RegisteredClient findById(String id) {
        if (operator.clientId().equals(id)) {
            return findByClientId(id);
        }
        return view.findByServiceAccount(id).map(EligibleClient::clientId).map(this::findByClientId).orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (operator.clientId().equals(clientId)) {
            return client(clientId, clientId).scopes(scopes -> scopes.addAll(PermissionScopes.held(null))).build();
        }
        EligibleClient client = view.find(clientId).filter(EligibleClient::functional).orElse(null);
        if (client == null) {
            return null;
        }
        Instant now = clock.instant();
        String newestSecret = client.secrets().stream().filter(secret -> secret.activeAt(now))
                .max(Comparator.comparing(HashedSecret::createdAt)).map(HashedSecret::hash).orElse(null);
        return client(client.account().serviceAccountId(), clientId)
                .clientSecret(newestSecret)
                .scopes(scopes -> scopes.addAll(PermissionScopes.held(client.account().permissions())))
                .build();
    }

    private RegisteredClient.Builder client(String id, String clientId) {
        return RegisteredClient.withId(id)
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(tokenSettings);
    }
}
