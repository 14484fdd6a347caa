package dev.serviceaccounts.web.security;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Access tokens revoked before their expiry (RFC 7009), shared by every instance of both sides: the MongoDB
 * collection {@value #COLLECTION}, one document {@code {_id: jti, expiresAt}} per revoked token, removed by a
 * TTL index on {@code expiresAt} once the token would have expired anyway (the decoders refuse it then).
 * {@link CompanyAccessPolicy} asks it where it checks the account's cutoff (docs/decisions.md D24).
 *
 * <p>Never late on another instance: every check of a token not already known here as revoked reads MongoDB by
 * {@code _id} (a primary-key point read, from the primary), so a revocation answered 200 by one instance is seen
 * by the very next request on any instance of either side. There is no cache of "not revoked" answers: any such
 * cache, however short, is a window in which a revoked token still works elsewhere. What is cached is only the
 * answer that can never change, "revoked", per {@code jti} until the token's expiry, so a revoked token that
 * keeps knocking costs no read. The write uses {@code w: majority}, so a failover does not lose a revocation.
 */
public class RevokedTokens {

    /** The shared collection of revoked tokens. */
    public static final String COLLECTION = "revoked_tokens";
    private static final int MAX_REMEMBERED = 10_000;

    private final MongoCollection<Document> collection;
    private final Clock clock;
    /** {@code jti} → the token's expiry, of tokens known to be revoked. */
    private final Map<String, Instant> knownRevoked = new ConcurrentHashMap<>();

    /** Creates the TTL index when missing (idempotent, whichever instance starts first). */
    public RevokedTokens(MongoTemplate mongo, Clock clock) {
        this.collection = mongo.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY);
        this.clock = clock;
        collection.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /**
     * Revokes a token until its expiry; revoking it again changes nothing.
     *
     * @param tokenId   the token's {@code jti}
     * @param expiresAt the token's {@code exp}
     */
    public void revoke(String tokenId, Instant expiresAt) {
        collection.updateOne(Filters.eq("_id", tokenId), Updates.setOnInsert("expiresAt", Date.from(expiresAt)),
                new UpdateOptions().upsert(true));
        remember(tokenId, expiresAt);
    }

    /**
     * @param tokenId the token's {@code jti}; null for a token without one (never revocable: the decoders require it)
     * @return true when the token was revoked
     */
    public boolean revoked(String tokenId) {
        if (tokenId == null) {
            return false;
        }
        if (knownRevoked.containsKey(tokenId)) {
            return true;
        }
        Document stored = collection.find(Filters.eq("_id", tokenId)).first();
        if (stored == null) {
            return false;
        }
        remember(tokenId, stored.getDate("expiresAt").toInstant());
        return true;
    }

    private void remember(String tokenId, Instant expiresAt) {
        Instant now = clock.instant();
        if (knownRevoked.size() >= MAX_REMEMBERED) {
            knownRevoked.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        if (knownRevoked.size() < MAX_REMEMBERED) {
            knownRevoked.put(tokenId, expiresAt);
        }
    }
}
