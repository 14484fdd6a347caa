package dev.serviceaccounts.command.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The public keys that verify access tokens, read from the {@code signing_keys} collection that the
 * query side (the token issuer) writes: documents {@code {_id: kid, jwk: <public JWK JSON>, encryptedJwk}}.
 * Only {@code jwk} is read, and only its public half is kept: the private key beside it is encrypted with a
 * key-encryption key that this side never has. Reloaded at most every {@code refresh}, and at once (at most once a second)
 * when a token names a key id not yet known, so a key rotated in by the issuer is picked up.
 */
public class SigningKeysJwkSource implements JWKSource<SecurityContext> {

    static final String COLLECTION = "signing_keys";
    private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration refresh;
    private volatile JWKSet keys = new JWKSet();
    private volatile Instant loadedAt = Instant.EPOCH;

    public SigningKeysJwkSource(MongoTemplate mongo, Clock clock, Duration refresh) {
        this.mongo = mongo;
        this.clock = clock;
        this.refresh = refresh;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        if (now.isAfter(loadedAt.plus(refresh))) {
            reload(now);
        }
        List<JWK> selected = selector.select(keys);
        if (selected.isEmpty() && now.isAfter(loadedAt.plus(MIN_RELOAD_INTERVAL))) {
            reload(now);
            selected = selector.select(keys);
        }
        return selected;
    }

    private synchronized void reload(Instant now) throws KeySourceException {
        List<JWK> loaded = new ArrayList<>();
        for (Document document : mongo.getCollection(COLLECTION).find()) {
            try {
                loaded.add(JWK.parse(document.getString("jwk")).toPublicJWK());
            } catch (ParseException | RuntimeException e) {
                throw new KeySourceException("Unreadable signing key " + document.get("_id"), e);
            }
        }
        keys = new JWKSet(loaded);
        loadedAt = now;
    }
}
