package dev.serviceaccounts.query.token;

import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.support.secret.SecretGenerator;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The built-in operator client (docs/design.md §4). Its secret comes from {@code SA_OPERATOR_CLIENT_SECRET}; when
 * that is unset, a secret is generated on first start, only its hash is stored (collection
 * {@code settings}, {@code _id: operator-credentials}), and the secret is printed once to the console:
 * to standard output, never through the logging system, so it lands in no log file. The secret is made and
 * checked like every client secret: by the shared {@link SecretGenerator} and client-secret {@link PasswordEncoder}.
 */
@Component
public class OperatorCredentials {

    static final String COLLECTION = "settings";
    static final String DOCUMENT_ID = "operator-credentials";

    private final String clientId;
    private final PasswordEncoder secretEncoder;
    private final String secretHash;
    private String generatedSecret;

    public OperatorCredentials(CommonProperties common, ServiceAccountsProperties properties, MongoTemplate mongo,
                               SecretGenerator secrets, PasswordEncoder secretEncoder) {
        this.clientId = common.operatorClientId();
        this.secretEncoder = secretEncoder;
        if (!properties.operatorClientSecret().isBlank()) {
            this.secretHash = secretEncoder.encode(properties.operatorClientSecret());
        } else {
            this.secretHash = storedOrGeneratedHash(mongo, secrets);
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
    public synchronized Optional<String> takeGeneratedSecret() {
        Optional<String> secret = Optional.ofNullable(generatedSecret);
        generatedSecret = null;
        return secret;
    }

    /** @return the operator's {@code client_id} */
    public String clientId() {
        return clientId;
    }

    /** @return true when {@code secret} is the operator's secret (constant-time compare) */
    public boolean matches(String secret) {
        return secretEncoder.matches(secret, secretHash);
    }

    private String storedOrGeneratedHash(MongoTemplate mongo, SecretGenerator secrets) {
        Document stored = mongo.getCollection(COLLECTION).find(new Document("_id", DOCUMENT_ID)).first();
        if (stored != null) {
            return stored.getString("secretHash");
        }
        String secret = secrets.newSecret();
        String hash = secretEncoder.encode(secret);
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
