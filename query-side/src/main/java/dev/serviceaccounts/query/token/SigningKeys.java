package dev.serviceaccounts.query.token;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The ES256 (P-256) keys that sign access tokens, kept in the {@code signing_keys} collection so that they
 * survive restarts and are shared by every instance, as
 * {@code {_id: kid, jwk: <public JWK JSON>, encryptedJwk: <JWE of the private JWK>, createdAt}}: the private
 * key only encrypted with the key-encryption key ({@link KeyEncryptionKey}), the
 * public key in clear for verifiers, which need no KEK. On first start a key is generated. A key stored in
 * plaintext by an earlier version ({@code jwk} holding the private JWK) is encrypted in place at start.
 * The newest key signs; every stored key is published in the JWKS so that tokens signed before a rotation
 * stay verifiable until they expire.
 */
@Component
public class SigningKeys {

    static final String COLLECTION = "signing_keys";
    static final String PUBLIC_JWK = "jwk";
    static final String ENCRYPTED_JWK = "encryptedJwk";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JWKSet publicKeys;
    private final ECKey activeKey;
    private final JWSSigner signer;

    /**
     * Loads the stored keys (encrypting plaintext ones in place), or generates the first one.
     *
     * @throws KeyEncryptionKeyException when the KEK is missing or malformed, does not open a stored key, or a
     *                                   stored key was altered
     */
    public SigningKeys(MongoTemplate mongo, Clock clock, ServiceAccountsProperties properties) throws JOSEException {
        KeyEncryptionKey kek = KeyEncryptionKey.fromSetting(properties.keyEncryptionKey());
        MongoCollection<Document> collection = mongo.getCollection(COLLECTION);
        List<StoredKey> stored = load(collection, kek);
        if (stored.isEmpty()) {
            insertNewKey(collection, kek, clock.instant());
            stored = load(collection, kek);
        }
        StoredKey newest = stored.stream()
                .max(Comparator.comparing(StoredKey::createdAt).thenComparing(k -> k.key().getKeyID()))
                .orElseThrow();
        this.activeKey = newest.key();
        this.signer = new ECDSASigner(activeKey);
        this.publicKeys = new JWKSet(stored.stream().map(k -> (JWK) k.key().toPublicJWK()).toList());
    }

    /** @return the public keys, as served at {@code /oauth/jwks} (RFC 7517) */
    public JWKSet publicKeys() {
        return publicKeys;
    }

    /** @return the key id of the signing key (JWS {@code kid} header) */
    public String activeKeyId() {
        return activeKey.getKeyID();
    }

    /** @return a thread-safe ES256 signer with the active key */
    public JWSSigner signer() {
        return signer;
    }

    private static void insertNewKey(MongoCollection<Document> collection, KeyEncryptionKey kek, Instant now)
            throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .generate();
        try {
            collection.insertOne(new Document("_id", key.getKeyID())
                    .append(PUBLIC_JWK, key.toPublicJWK().toJSONString())
                    .append(ENCRYPTED_JWK, kek.encrypt(key))
                    .append("createdAt", Date.from(now)));
            log.info("Generated signing key {}", key.getKeyID());
        } catch (DuplicateKeyException e) {
            log.debug("Signing key {} already stored", key.getKeyID());
        }
    }

    private static List<StoredKey> load(MongoCollection<Document> collection, KeyEncryptionKey kek) {
        List<StoredKey> keys = new ArrayList<>();
        for (Document document : collection.find()) {
            String keyId = String.valueOf(document.get("_id"));
            ECKey publicOrPlaintext = parse(document.getString(PUBLIC_JWK), keyId);
            ECKey key = document.containsKey(ENCRYPTED_JWK)
                    ? decrypt(document.getString(ENCRYPTED_JWK), publicOrPlaintext, keyId, kek)
                    : encryptInPlace(collection, document, publicOrPlaintext, keyId, kek);
            keys.add(new StoredKey(key, document.getDate("createdAt").toInstant()));
        }
        return keys;
    }

    /** Opens the private key and checks that the public key beside it, which verifiers use, is its own. */
    private static ECKey decrypt(String encrypted, ECKey storedPublic, String keyId, KeyEncryptionKey kek) {
        ECKey key = kek.decrypt(encrypted, keyId);
        if (!key.isPrivate() || !keyId.equals(key.getKeyID()) || !key.toPublicJWK().equals(storedPublic)) {
            throw new KeyEncryptionKeyException("Signing key " + keyId + " was altered: its public key is not the"
                    + " one of its encrypted private key");
        }
        return key;
    }

    /** Migration from a version that stored the private JWK in plaintext in {@code jwk}. */
    private static ECKey encryptInPlace(MongoCollection<Document> collection, Document document, ECKey plaintext,
                                        String keyId, KeyEncryptionKey kek) {
        if (!plaintext.isPrivate()) {
            throw new KeyEncryptionKeyException("Signing key " + keyId + " has no private key stored");
        }
        // conditional: another instance migrating the same key at the same time leaves one result
        long updated = collection.updateOne(
                Filters.and(Filters.eq("_id", document.get("_id")),
                        Filters.eq(PUBLIC_JWK, document.getString(PUBLIC_JWK)),
                        Filters.exists(ENCRYPTED_JWK, false)),
                Updates.combine(Updates.set(PUBLIC_JWK, plaintext.toPublicJWK().toJSONString()),
                        Updates.set(ENCRYPTED_JWK, kek.encrypt(plaintext))))
                .getModifiedCount();
        if (updated > 0) {
            log.warn("Signing key {} was stored in plaintext by an earlier version: encrypted it in place with the"
                    + " key-encryption key. Its plaintext may remain in copies of the database (backups, unused"
                    + " pages of the data file): replace the key (see the README, 'Keys at rest')", keyId);
        }
        return plaintext;
    }

    private static ECKey parse(String json, String keyId) {
        try {
            return ECKey.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw new KeyEncryptionKeyException("Signing key " + keyId + " has no readable JWK");
        }
    }

    private record StoredKey(ECKey key, Instant createdAt) {
    }
}
