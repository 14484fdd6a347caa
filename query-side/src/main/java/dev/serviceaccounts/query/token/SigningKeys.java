package dev.serviceaccounts.query.token;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The ES256 (P-256) keys that sign access tokens (docs/design.md §6), kept in the {@code signing_keys} collection
 * so that they survive restarts and are shared by every instance, as
 * {@code {_id: generation, kid, jwk: <public JWK JSON>, encryptedJwk: <JWE of the private JWK>, createdAt}}: the
 * private key only encrypted with the key-encryption key ({@link KeyEncryptionKey}), the public key in clear.
 * <p>
 * The key of the highest generation signs. A new key is inserted as generation <i>n</i>+1 over the active
 * generation <i>n</i>; {@code _id} is unique, so when several instances do it at once (an empty database at
 * start, a rotation due on every instance) exactly one insert wins and every instance loads that key. A rotation
 * is due {@code rotationPeriod} after the active key was made, or when the operator asks. Every instance reloads
 * the keys every {@code reloadPeriod}, and at once (at most once a second) for a token naming a {@code kid} it
 * does not know. A retired key stays published, and verifies, until every token it may have signed has expired:
 * {@code tokenTtl} after its successor was made, plus {@code reloadPeriod} for the instances that signed with it
 * until they reloaded; then it is deleted. A key stored by an earlier version ({@code _id} its {@code kid}) counts
 * as generation 0; one stored in plaintext ({@code jwk} holding the private JWK) is encrypted in place at start.
 * <p>
 * The signatures are made by the JCA provider {@link Es256Provider} chooses (docs/decisions.md D59), shown as the
 * gauge {@value #PROVIDER_GAUGE} (1, tagged {@code provider}: {@code accp} or {@code jdk}).
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext>, SmartLifecycle {

    static final String COLLECTION = "signing_keys";
    static final String KEY_ID = "kid";
    static final String PUBLIC_JWK = "jwk";
    static final String ENCRYPTED_JWK = "encryptedJwk";
    static final String CREATED_AT = "createdAt";
    /** Gauge, always 1, whose {@code provider} tag names the provider that signs. */
    public static final String PROVIDER_GAUGE = "sa.token.signing.provider";
    private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final MongoCollection<Document> collection;
    private final KeyEncryptionKey kek;
    private final Clock clock;
    private final Duration rotationPeriod;
    private final Duration reloadPeriod;
    private final Duration tokenTtl;
    private final Es256Provider provider;
    private volatile List<StoredKey> keys;
    private volatile Instant reloadedForUnknownKey = Instant.MIN;
    private ScheduledExecutorService schedule;

    /**
     * Loads the stored keys (encrypting plaintext ones in place), making the first one on an empty collection
     * and rotating when a rotation is due.
     *
     * @throws KeyEncryptionKeyException when the KEK is missing or malformed, does not open a stored key, or a
     *                                   stored key was altered
     * @throws IllegalStateException     when {@code signing-keys.provider} asks for a provider that cannot sign here
     */
    @Autowired
    public SigningKeys(MongoTemplate mongo, Clock clock, ServiceAccountsProperties properties, MeterRegistry meters) {
        this(mongo, clock, properties);
        Gauge.builder(PROVIDER_GAUGE, () -> 1).tag("provider", provider.name())
                .description("The JCA provider that signs access tokens (tag provider: accp or jdk)").register(meters);
    }

    /** Without the gauge: for tests. */
    SigningKeys(MongoTemplate mongo, Clock clock, ServiceAccountsProperties properties) {
        this.provider = Es256Provider.choose(properties.signingKeys().provider());
        this.kek = KeyEncryptionKey.fromSetting(properties.keyEncryptionKey());
        this.collection = mongo.getCollection(COLLECTION);
        this.clock = clock;
        this.rotationPeriod = properties.signingKeys().rotationPeriod();
        this.reloadPeriod = properties.signingKeys().reloadPeriod();
        this.tokenTtl = properties.tokenTtl();
        refresh();
    }

    /**
     * Reloads the keys; makes a new key when none is stored or the active one is {@code rotationPeriod} old;
     * deletes the retired keys whose tokens have all expired.
     */
    public synchronized void refresh() {
        reload();
        Instant now = clock.instant();
        if (keys.isEmpty() || !now.isBefore(active().createdAt().plus(rotationPeriod))) {
            insertAfter(activeGeneration(), now);
            reload();
        }
        List<StoredKey> ring = keys;
        for (int i = 0; i < ring.size(); i++) {
            if (!published(ring, i, now)) {
                collection.deleteOne(Filters.eq("_id", ring.get(i).id()));
                log.info("Deleted signing key {}: every token it signed has expired", ring.get(i).keyId());
            }
        }
    }

    /**
     * Makes a new key the signing key at once, on every instance within {@code reloadPeriod}. When another
     * instance rotates at the same moment, one of the two new keys wins and both calls answer it.
     *
     * @return the new active key
     */
    public synchronized ActiveKey rotate() {
        reload();
        insertAfter(activeGeneration(), clock.instant());
        reload();
        return activeKey();
    }

    /** @return the key that signs now, with its {@code kid} and signer (thread-safe) */
    public ActiveKey activeKey() {
        StoredKey active = active();
        return new ActiveKey(active.keyId(), active.signer(), active.createdAt());
    }

    /** @return the key id of the signing key (JWS {@code kid} header) */
    public String activeKeyId() {
        return active().keyId();
    }

    /** @return a thread-safe ES256 signer with the active key */
    public JWSSigner signer() {
        return active().signer();
    }

    /** @return the provider that signs: {@code accp} or {@code jdk} (docs/decisions.md D59) */
    public String signingProvider() {
        return provider.name();
    }

    /** @return the public keys of the active key and of the retired keys still published, as served at the JWKS */
    public JWKSet publicKeys() {
        Instant now = clock.instant();
        List<StoredKey> ring = keys;
        List<JWK> published = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            if (published(ring, i, now)) {
                published.add(ring.get(i).key().toPublicJWK());
            }
        }
        return new JWKSet(published);
    }

    /** The published keys that {@code selector} matches; when none does, refreshes once (at most once a second). */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> selected = selector.select(publicKeys());
        if (selected.isEmpty()) {
            synchronized (this) {
                Instant now = clock.instant();
                if (!now.isBefore(reloadedForUnknownKey.plus(MIN_RELOAD_INTERVAL))) {
                    reloadedForUnknownKey = now;
                    refresh();
                }
            }
            selected = selector.select(publicKeys());
        }
        return selected;
    }

    /** Starts reloading every {@code reloadPeriod}. */
    @Override
    public synchronized void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "signing-keys");
            thread.setDaemon(true);
            return thread;
        });
        long millis = reloadPeriod.toMillis();
        schedule.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return schedule != null;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Reloading the signing keys failed; signing with key {} meanwhile: {}", activeKeyId(),
                    e.toString());
        }
    }

    /** @return the generation of the active key; 0 when none is stored (its successor is the first key) */
    private long activeGeneration() {
        List<StoredKey> ring = keys;
        return ring.isEmpty() ? 0 : ring.get(ring.size() - 1).generation();
    }

    private StoredKey active() {
        List<StoredKey> ring = keys;
        return ring.get(ring.size() - 1);
    }

    /** The active key, and a retired one until {@code tokenTtl + reloadPeriod} after its successor was made. */
    private boolean published(List<StoredKey> ring, int index, Instant now) {
        if (index == ring.size() - 1) {
            return true;
        }
        Instant successorMade = ring.get(index + 1).createdAt();
        return now.isBefore(successorMade.plus(tokenTtl).plus(reloadPeriod));
    }

    private void insertAfter(long generation, Instant now) {
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Generating a P-256 key failed", e);
        }
        try {
            collection.insertOne(new Document("_id", generation + 1)
                    .append(KEY_ID, key.getKeyID())
                    .append(PUBLIC_JWK, key.toPublicJWK().toJSONString())
                    .append(ENCRYPTED_JWK, kek.encrypt(key))
                    .append(CREATED_AT, Date.from(now)));
            log.info("Generated signing key {} (generation {})", key.getKeyID(), generation + 1);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            log.debug("Signing key generation {} was made by another instance", generation + 1);
        }
    }

    private void reload() {
        List<StoredKey> loaded = new ArrayList<>();
        for (Document document : collection.find()) {
            Object id = document.get("_id");
            long generation = id instanceof Number number ? number.longValue() : 0;
            String keyId = id instanceof Number ? document.getString(KEY_ID) : String.valueOf(id);
            ECKey publicOrPlaintext = parse(document.getString(PUBLIC_JWK), keyId);
            ECKey key = document.containsKey(ENCRYPTED_JWK)
                    ? decrypt(document.getString(ENCRYPTED_JWK), publicOrPlaintext, keyId)
                    : encryptInPlace(document, publicOrPlaintext, keyId);
            loaded.add(new StoredKey(id, generation, key, signer(key), document.getDate(CREATED_AT).toInstant()));
        }
        loaded.sort(Comparator.comparingLong(StoredKey::generation).thenComparing(StoredKey::createdAt)
                .thenComparing(StoredKey::keyId));
        keys = List.copyOf(loaded);
    }

    private JWSSigner signer(ECKey key) {
        try {
            return provider.signer(key);
        } catch (JOSEException e) {
            throw new KeyEncryptionKeyException("Signing key " + key.getKeyID() + " is no P-256 private key");
        }
    }

    /** Opens the private key and checks that the public key beside it, which verifiers use, is its own. */
    private ECKey decrypt(String encrypted, ECKey storedPublic, String keyId) {
        ECKey key = kek.decrypt(encrypted, keyId);
        if (!key.isPrivate() || !keyId.equals(key.getKeyID()) || !key.toPublicJWK().equals(storedPublic)) {
            throw new KeyEncryptionKeyException("Signing key " + keyId + " was altered: its public key is not the"
                    + " one of its encrypted private key");
        }
        return key;
    }

    /** Migration from a version that stored the private JWK in plaintext in {@code jwk}. */
    private ECKey encryptInPlace(Document document, ECKey plaintext, String keyId) {
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
                    + " pages of the data file): rotate the key (see the README, 'Keys at rest')", keyId);
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

    /**
     * The key that signs now.
     *
     * @param keyId     its {@code kid}
     * @param signer    a thread-safe ES256 signer with it
     * @param createdAt when it was made
     */
    public record ActiveKey(String keyId, JWSSigner signer, Instant createdAt) {
    }

    private record StoredKey(Object id, long generation, ECKey key, JWSSigner signer, Instant createdAt) {

        String keyId() {
            return key.getKeyID();
        }
    }
}
