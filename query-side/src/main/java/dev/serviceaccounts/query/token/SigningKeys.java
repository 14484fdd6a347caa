package dev.serviceaccounts.query.token;

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
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The ES256 (P-256) keys that sign access tokens, kept in the {@code signing_keys} collection as
 * {@code {_id: kid, jwk: <private JWK JSON>, createdAt}} so that they survive restarts and are shared by
 * every instance. On first start a key is generated. The newest key signs; every stored key is published
 * in the JWKS so that tokens signed before a rotation stay verifiable until they expire.
 */
@Component
public class SigningKeys {

    static final String COLLECTION = "signing_keys";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JWKSet publicKeys;
    private final ECKey activeKey;
    private final JWSSigner signer;

    public SigningKeys(MongoTemplate mongo, Clock clock) throws JOSEException {
        List<StoredKey> stored = load(mongo);
        if (stored.isEmpty()) {
            insertNewKey(mongo, clock.instant());
            stored = load(mongo);
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

    private static void insertNewKey(MongoTemplate mongo, Instant now) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .generate();
        try {
            mongo.getCollection(COLLECTION).insertOne(new Document("_id", key.getKeyID())
                    .append("jwk", key.toJSONString())
                    .append("createdAt", java.util.Date.from(now)));
            log.info("Generated signing key {}", key.getKeyID());
        } catch (DuplicateKeyException e) {
            log.debug("Signing key {} already stored", key.getKeyID());
        }
    }

    private static List<StoredKey> load(MongoTemplate mongo) {
        List<StoredKey> keys = new ArrayList<>();
        for (Document document : mongo.getCollection(COLLECTION).find()) {
            try {
                keys.add(new StoredKey(ECKey.parse(document.getString("jwk")),
                        document.getDate("createdAt").toInstant()));
            } catch (ParseException e) {
                throw new IllegalStateException("Unreadable signing key " + document.get("_id"), e);
            }
        }
        return keys;
    }

    private record StoredKey(ECKey key, Instant createdAt) {
    }
}
