package dev.serviceaccounts.query.token;

import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The built-in operator client (docs/design.md §4). Its secret comes from {@code SA_OPERATOR_CLIENT_SECRET}; when
 * that is unset, a secret is generated on first start, only its hash is stored (collection
 * {@code settings}, {@code _id: operator-credentials}), and the secret is printed once to the console:
 * to standard output, never through the logging system, so it lands in no log file.
 */
@Component
public class OperatorCredentials {

    static final String COLLECTION = "settings";
    static final String DOCUMENT_ID = "operator-credentials";

    private final String clientId;
    private final String secretHash;
    private String generatedSecret;

    public OperatorCredentials(ServiceAccountsProperties properties, MongoTemplate mongo) {
        this.clientId = properties.operatorClientId();
        if (!properties.operatorClientSecret().isBlank()) {
            this.secretHash = dev.serviceaccounts.api.serviceaccount.HashedSecret.hashOf(properties.operatorClientSecret());
        } else {
            this.secretHash = storedOrGeneratedHash(mongo);
        }
        if (generatedSecret != null && properties.announceGeneratedOperatorSecret()) {
            System.out.printf("%n  Operator credentials (shown once; keep them safe):%n"
                    + "    SA_OPERATOR_CLIENT_ID=%s%n    SA_OPERATOR_CLIENT_SECRET=%s%n%n", clientId, takeGeneratedSecret().get());
            System.out.flush();
        }
    }

    /**
     * Hands out, once, the secret generated on this first start (for a launcher to show it); later calls,
     * and every start but the first, give empty. Only its hash is ever stored.
     */
    public synchronized java.util.Optional<String> takeGeneratedSecret() {
        java.util.Optional<String> secret = java.util.Optional.ofNullable(generatedSecret);
        generatedSecret = null;
        return secret;
    }

    /** @return the operator's {@code client_id} */
    public String clientId() {
        return clientId;
    }

    /** @return true when {@code secret} is the operator's secret (constant-time compare) */
    public boolean matches(String secret) {
        return secret != null && java.security.MessageDigest.isEqual(
                dev.serviceaccounts.api.serviceaccount.HashedSecret.hashOf(secret).getBytes(),
                secretHash.getBytes());
    }

    private String storedOrGeneratedHash(MongoTemplate mongo) {
        Document stored = mongo.getCollection(COLLECTION).find(new Document("_id", DOCUMENT_ID)).first();
        if (stored != null) {
            return stored.getString("secretHash");
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = dev.serviceaccounts.api.serviceaccount.HashedSecret.hashOf(secret);
        try {
            mongo.getCollection(COLLECTION).insertOne(new Document("_id", DOCUMENT_ID)
                    .append("clientId", clientId).append("secretHash", hash));
        } catch (com.mongodb.MongoWriteException | DuplicateKeyException e) {
            return mongo.getCollection(COLLECTION).find(new Document("_id", DOCUMENT_ID)).first().getString("secretHash");
        }
        generatedSecret = secret;
        return hash;
    }
}
