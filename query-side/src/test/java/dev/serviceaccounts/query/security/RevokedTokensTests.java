package dev.serviceaccounts.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.web.security.RevokedTokens;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RevokedTokens} on a MongoDB (docs/decisions.md D24): revocations are shared through the collection, removed
 * by a TTL index at the token's expiry, and never hidden by a local "not revoked" answer.
 */
class RevokedTokensTests {

    private static final Instant EXPIRES = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.MILLIS);

    private InMemoryMongo mongo;
    private RevokedTokens here;
    private RevokedTokens elsewhere;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        here = new RevokedTokens(mongo.template(), Clock.systemUTC());
        elsewhere = new RevokedTokens(mongo.template(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenStartedThenTtlIndexOnExpiresAt() {
        List<Document> indexes = mongo.template().getCollection(RevokedTokens.COLLECTION).listIndexes()
                .into(new ArrayList<>());

        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.get("key", Document.class)).containsKey("expiresAt");
            assertThat(((Number) index.get("expireAfterSeconds")).longValue()).isZero();
        });
    }

    @Test
    void whenRevokedOnOneInstanceAfterTheOtherSawItValidThenTheOtherSeesItAtOnce() {
        assertThat(elsewhere.revoked("token-1")).isFalse();

        here.revoke("token-1", EXPIRES);

        assertThat(elsewhere.revoked("token-1")).isTrue();
        assertThat(here.revoked("token-1")).isTrue();
        assertThat(elsewhere.revoked("token-2")).isFalse();
    }

    @Test
    void whenRevokedTwiceThenOneDocumentWithItsExpiry() {
        here.revoke("token-1", EXPIRES);
        elsewhere.revoke("token-1", EXPIRES.plusSeconds(60));

        List<Document> stored = mongo.template().getCollection(RevokedTokens.COLLECTION).find().into(new ArrayList<>());
        assertThat(stored).singleElement().satisfies(document -> {
            assertThat(document.get("_id")).isEqualTo("token-1");
            assertThat(document.getDate("expiresAt").toInstant()).isEqualTo(EXPIRES);
        });
    }

    @Test
    void whenTokenHasNoJtiThenNotRevoked() {
        assertThat(here.revoked(null)).isFalse();
    }
}
