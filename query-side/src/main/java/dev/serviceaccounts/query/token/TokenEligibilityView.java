package dev.serviceaccounts.query.token;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The token-eligibility view of this query-side instance: every client, in memory, keyed by
 * {@code client_id}, so the token endpoint never reads the database on its hot path. It is filled at
 * start from the {@code token_eligibility} collection ({@link TokenViewStartup}) and then kept current
 * by this instance's own processor ({@link InstanceTokenEligibilityProjection}), which sees every event,
 * whoever holds the segments of the shared processor.
 */
@Component
public class TokenEligibilityView implements EligibleClients {

    private final Map<String, EligibleClient> byClientId = new ConcurrentHashMap<>();
    private final Map<String, String> clientIdByAccount = new ConcurrentHashMap<>();

    /** @return the client with this {@code client_id}, if any account ever had it */
    public Optional<EligibleClient> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(byClientId.get(clientId));
    }

    /** @return the client of the service account with this id */
    @Override
    public Optional<EligibleClient> findByServiceAccount(String serviceAccountId) {
        return Optional.ofNullable(clientIdByAccount.get(serviceAccountId)).map(byClientId::get);
    }

    /** Keeps {@code client} in memory, unless an entry of a later version is held: the view never goes back. */
    @Override
    public void save(EligibleClient client) {
        byClientId.merge(client.clientId(), client, (held, next) -> next.version() >= held.version() ? next : held);
        clientIdByAccount.put(client.account().serviceAccountId(), client.clientId());
    }

    /** Forgets everything (before a replay of this instance's processor). */
    @Override
    public void clear() {
        byClientId.clear();
        clientIdByAccount.clear();
    }

    /** Adds the stored entries, keeping any newer version already held. */
    void load(Collection<EligibleClient> stored) {
        stored.forEach(this::save);
    }

    /** @return how many clients the view holds */
    public int size() {
        return byClientId.size();
    }
}
