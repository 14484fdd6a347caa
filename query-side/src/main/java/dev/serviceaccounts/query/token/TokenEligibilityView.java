package dev.serviceaccounts.query.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The token-eligibility view (DESIGN §6): every client, in memory, keyed by {@code client_id}, so the
 * token endpoint never reads the database on its hot path. The entries are also kept in the
 * {@code token_eligibility} collection, loaded at start before the projection resumes, so a restart
 * does not replay the event store.
 */
@Component
public class TokenEligibilityView {

    static final String COLLECTION = "token_eligibility";

    private final MongoTemplate mongo;
    private final Map<String, EligibleClient> byClientId = new ConcurrentHashMap<>();
    private final Map<String, String> clientIdByAccount = new ConcurrentHashMap<>();

    public TokenEligibilityView(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.findAll(EligibleClient.class, COLLECTION).forEach(this::remember);
    }

    /** @return the client with this {@code client_id}, if any account ever had it */
    public Optional<EligibleClient> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(byClientId.get(clientId));
    }

    /** @return the client of the service account with this id */
    public Optional<EligibleClient> findByServiceAccount(String serviceAccountId) {
        return Optional.ofNullable(clientIdByAccount.get(serviceAccountId)).map(byClientId::get);
    }

    /** Stores {@code client} in MongoDB, then in memory. */
    void save(EligibleClient client) {
        mongo.save(client, COLLECTION);
        remember(client);
    }

    /** Forgets everything (before a replay). */
    void clear() {
        mongo.remove(new Query(), COLLECTION);
        byClientId.clear();
        clientIdByAccount.clear();
    }

    /** @return how many clients the view holds */
    public int size() {
        return byClientId.size();
    }

    private void remember(EligibleClient client) {
        byClientId.put(client.clientId(), client);
        clientIdByAccount.put(client.serviceAccountId(), client.clientId());
    }
}
