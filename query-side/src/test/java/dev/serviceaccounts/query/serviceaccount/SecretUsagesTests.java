package dev.serviceaccounts.query.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.serviceaccount.SecretView;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.MovableClock;
import dev.serviceaccounts.query.support.TestProperties;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A secret's last use (docs/decisions.md D26): written off the caller's thread, at most once per interval. */
class SecretUsagesTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final MovableClock clock = new MovableClock(START);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SecretUsages usages = new SecretUsages(mongo.template(), meters, clock, TestProperties.properties());
    private final ServiceAccountViews views = new ServiceAccountViews(mongo.template());
    private final EventFeed feed = new EventFeed(new ServiceAccountProjection(views));

    @AfterEach
    void tearDown() {
        usages.destroy();
        mongo.close();
    }

    @Test
    void whenUsedThenTheViewShowsLastUsedAtOfThatSecretOnly() throws Exception {
        ServiceAccountView view = account();
        String secretId = view.secrets().get(0).secretId();

        usages.used(view.id(), secretId, START);
        awaitWrites(1);

        assertThat(usages.withLastUsed(view).secrets()).extracting(SecretView::lastUsedAt).containsExactly(START);
        assertThat(usages.withLastUsed(new ServiceAccountPage(List.of(view), null)).items().get(0).secrets())
                .extracting(SecretView::lastUsedAt).containsExactly(START);
        Document stored = mongo.template().findById(secretId, Document.class, SecretUsages.COLLECTION);
        assertThat(stored).containsEntry("serviceAccountId", view.id());
    }

    @Test
    void whenNeverUsedThenLastUsedAtIsNull() {
        ServiceAccountView view = account();

        assertThat(usages.withLastUsed(view).secrets()).extracting(SecretView::lastUsedAt).containsOnlyNulls();
    }

    @Test
    void whenUsedOftenWithinTheIntervalThenWrittenOnce() throws Exception {
        ServiceAccountView view = account();
        String secretId = view.secrets().get(0).secretId();

        for (int i = 0; i < 50; i++) {
            usages.used(view.id(), secretId, clock.instant());
            clock.advance(Duration.ofMillis(1_000));
        }
        awaitWrites(1);
        Thread.sleep(200);

        assertThat(writes()).isEqualTo(1);
        assertThat(usages.withLastUsed(view).secrets().get(0).lastUsedAt()).isEqualTo(START);
    }

    @Test
    void whenUsedAgainAfterTheIntervalThenWrittenAgainAndMovedForward() throws Exception {
        ServiceAccountView view = account();
        String secretId = view.secrets().get(0).secretId();
        usages.used(view.id(), secretId, clock.instant());
        awaitWrites(1);

        clock.advance(Duration.ofMinutes(1));
        usages.used(view.id(), secretId, clock.instant());
        awaitWrites(2);

        assertThat(usages.withLastUsed(view).secrets().get(0).lastUsedAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
    }

    @Test
    void whenAnOlderUseIsWrittenLaterThenLastUsedAtDoesNotGoBack() throws Exception {
        ServiceAccountView view = account();
        String secretId = view.secrets().get(0).secretId();
        usages.used(view.id(), secretId, START.plusSeconds(30));
        awaitWrites(1);
        SecretUsages otherInstance = new SecretUsages(mongo.template(), meters, clock, TestProperties.properties());

        otherInstance.used(view.id(), secretId, START);
        awaitWrites(2);
        otherInstance.destroy();

        assertThat(usages.withLastUsed(view).secrets().get(0).lastUsedAt()).isEqualTo(START.plusSeconds(30));
    }

    private ServiceAccountView account() {
        TestServiceAccounts account = TestServiceAccounts.custom().named("used");
        feed.publish(account, account.created());
        return views.find(account.id()).orElseThrow();
    }

    private double writes() {
        return meters.counter(SecretUsages.WRITES).count();
    }

    private void awaitWrites(int count) throws InterruptedException {
        await(() -> writes() >= count);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
