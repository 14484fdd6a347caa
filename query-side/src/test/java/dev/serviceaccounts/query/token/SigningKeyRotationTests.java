package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The signing keys' life (docs/design.md §6, D23): one key agreed by instances starting together, rotation by
 * call and by schedule, a retired key published until its tokens have expired, then deleted. Each
 * {@link SigningKeys} stands for one query-side instance; its clock says when it acts.
 */
class SigningKeyRotationTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(5400);
    private static final Duration RELOAD = Duration.ofSeconds(10);
    private static final Duration ROTATION = Duration.ofDays(30);

    private final InMemoryMongo mongo = new InMemoryMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void whenInstancesStartTogetherOnEmptyDatabaseThenAllSignWithOneKey() throws Exception {
        int instances = 8;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SigningKeys>> started = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                Callable<SigningKeys> start = () -> {
                    go.await();
                    return instanceAt(T0);
                };
                started.add(pool.submit(start));
            }
            go.countDown();
            List<String> activeKeyIds = new ArrayList<>();
            for (Future<SigningKeys> instance : started) {
                activeKeyIds.add(instance.get(30, TimeUnit.SECONDS).activeKeyId());
            }

            assertThat(activeKeyIds).hasSize(instances).containsOnly(activeKeyIds.get(0));
            assertThat(storedKeys()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rotateWhenCalledThenNewKeySignsAndOldKeyStaysPublished() {
        SigningKeys keys = instanceAt(T0);
        String old = keys.activeKeyId();

        SigningKeys.ActiveKey rotated = keys.rotate();

        assertThat(rotated.keyId()).isNotEqualTo(old).isEqualTo(keys.activeKeyId());
        assertThat(keyIds(keys)).containsExactlyInAnyOrder(old, rotated.keyId());
    }

    @Test
    void refreshWhenAnotherInstanceRotatedThenThisOneSignsWithTheNewKey() {
        SigningKeys first = instanceAt(T0);
        SigningKeys second = instanceAt(T0);

        String rotated = first.rotate().keyId();
        assertThat(second.activeKeyId()).as("before its reload").isNotEqualTo(rotated);
        second.refresh();

        assertThat(second.activeKeyId()).isEqualTo(rotated);
        assertThat(keyIds(second)).isEqualTo(keyIds(first));
    }

    @Test
    void getWhenTokenNamesKeyRotatedInByAnotherInstanceThenReloadsAndFindsIt() {
        SigningKeys first = instanceAt(T0);
        MovingClock clock = new MovingClock(T0);
        SigningKeys second = new SigningKeys(mongo.template(), clock, properties(TTL));

        String rotated = first.rotate().keyId();
        clock.now = T0.plusSeconds(2);
        List<JWK> found = second.get(new JWKSelector(new JWKMatcher.Builder().keyID(rotated).build()), null);

        assertThat(found).extracting(JWK::getKeyID).containsExactly(rotated);
    }

    @Test
    void refreshWhenRotationPeriodPassedThenOneInstanceRotatesForAll() {
        SigningKeys atStart = instanceAt(T0);
        String first = atStart.activeKeyId();

        SigningKeys early = instanceAt(T0.plus(ROTATION).minusSeconds(1));
        assertThat(early.activeKeyId()).as("not yet due").isEqualTo(first);

        SigningKeys due = instanceAt(T0.plus(ROTATION));
        SigningKeys dueToo = instanceAt(T0.plus(ROTATION).plusSeconds(1));

        assertThat(due.activeKeyId()).isNotEqualTo(first).isEqualTo(dueToo.activeKeyId());
        assertThat(storedKeys()).isEqualTo(2);
    }

    @Test
    void refreshWhenTokenTtlPassedAfterRotationThenRetiredKeyDroppedAndDeleted() {
        SigningKeys keys = instanceAt(T0);
        String retired = keys.activeKeyId();
        Instant rotatedAt = T0.plusSeconds(60);
        String active = instanceAt(rotatedAt).rotate().keyId();

        SigningKeys lastMoment = instanceAt(rotatedAt.plus(TTL).plus(RELOAD).minusSeconds(1));
        assertThat(keyIds(lastMoment)).as("a token signed just before a reload may still be valid")
                .containsExactlyInAnyOrder(retired, active);
        assertThat(storedKeys()).isEqualTo(2);

        SigningKeys after = instanceAt(rotatedAt.plus(TTL).plus(RELOAD));
        assertThat(keyIds(after)).containsExactly(active);
        assertThat(storedKeys()).isEqualTo(1);
        assertThat(after.get(new JWKSelector(new JWKMatcher.Builder().keyID(retired).build()), null)).isEmpty();
    }

    @Test
    void refreshWhenEveryKeyDeletedThenANewKeySigns() {
        SigningKeys keys = instanceAt(T0);
        String deleted = keys.activeKeyId();
        mongo.template().getCollection(SigningKeys.COLLECTION).deleteMany(new Document());

        keys.refresh();

        assertThat(keys.activeKeyId()).isNotEqualTo(deleted);
        assertThat(keyIds(keys)).containsExactly(keys.activeKeyId());
        assertThat(storedKeys()).isEqualTo(1);
    }

    @Test
    void rotateWhenKeyStoredByEarlierVersionThenNewKeyIsNextGenerationAndOldStaysPublished() throws Exception {
        ECKey legacy = new ECKeyGenerator(Curve.P_256).keyID("legacy-key").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).generate();
        mongo.template().getCollection(SigningKeys.COLLECTION).insertOne(new Document("_id", legacy.getKeyID())
                .append("jwk", legacy.toJSONString()).append("createdAt", Date.from(T0)));
        SigningKeys keys = instanceAt(T0);
        assertThat(keys.activeKeyId()).isEqualTo("legacy-key");

        String rotated = keys.rotate().keyId();

        assertThat(keyIds(instanceAt(T0))).containsExactlyInAnyOrder("legacy-key", rotated);
        assertThat(instanceAt(T0).activeKeyId()).isEqualTo(rotated);
        assertThat(mongo.template().getCollection(SigningKeys.COLLECTION)
                .find(new Document("kid", rotated)).first().get("_id")).isEqualTo(1L);
    }

    private SigningKeys instanceAt(Instant now) {
        return new SigningKeys(mongo.template(), Clock.fixed(now, ZoneOffset.UTC), properties(TTL));
    }

    private static ServiceAccountsProperties properties(Duration tokenTtl) {
        ServiceAccountsProperties defaults = TestProperties.properties();
        return new ServiceAccountsProperties(defaults.operatorClientSecret(), tokenTtl, defaults.failureDelay(),
                defaults.nodeId(), true, defaults.keyEncryptionKey(), defaults.tokenView(),
                new ServiceAccountsProperties.SigningKeys(ROTATION, RELOAD, defaults.signingKeys().provider()),
                defaults.failureLimits(), defaults.secretUsage());
    }

    /** A clock a test moves. */
    private static final class MovingClock extends Clock {

        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static List<String> keyIds(SigningKeys keys) {
        return keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
    }

    private long storedKeys() {
        return mongo.template().getCollection(SigningKeys.COLLECTION).countDocuments();
    }
}
