package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.standalone.support.TestSystem;
import dev.serviceaccounts.standalone.support.ViewsAgainstStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tracking a MongoDB event store can miss a commit that becomes visible after later ones (docs/decisions.md D37):
 * the processors read by event timestamp and look back only so far. Events are written straight to the shared
 * event store (as a command side's unit of work does, without its HTTP and waits, to reach the rates), then
 * every view is compared with the fold of the stored events ({@link ViewsAgainstStore}).
 */
class NoEventMissedTests {

    private static final int BATCH = 100;

    private final TestSystem system = TestSystem.shared();

    @Test
    void whenMoreEventsWithinOneSecondThanABatchThenEveryViewHoldsEveryEvent() throws Exception {
        ConfigurableApplicationContext querySide = system.apps().querySide();
        EventStore store = querySide.getBean(EventStore.class);
        CompanyId company = new CompanyId(UUID.randomUUID().toString());
        List<ServiceAccountId> accounts = new ArrayList<>();
        // 400 events stamped within 800 ms: four batches
        for (int i = 0; i < 2 * BATCH; i++) {
            accounts.add(new ServiceAccountId(UUID.randomUUID().toString()));
        }
        // every event stamped within one second, whenever its insert lands (the inserts take longer on a loaded
        // machine, so each is also a commit that lands after later-stamped ones)
        Instant second = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < accounts.size(); i++) {
                ServiceAccountId account = accounts.get(i);
                Instant at = second.plusMillis(4L * i);
                writes.add(pool.submit(() -> {
                    start.await();
                    store.publish(event(account, 0, created(account, company), at));
                    store.publish(event(account, 1, granted(account, company), at.plusMillis(1)));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }

        new ViewsAgainstStore(querySide).assertEveryViewIsTheFold(
                accounts.stream().map(ServiceAccountId::value).toList(), Duration.ofSeconds(60));
    }

    @Test
    void whenACommitBecomesVisibleLaterThanItsTimestampThenStillProjected() throws Exception {
        ConfigurableApplicationContext querySide = system.apps().querySide();
        EventStore store = querySide.getBean(EventStore.class);
        CompanyId company = new CompanyId(UUID.randomUUID().toString());
        ServiceAccountId early = new ServiceAccountId(UUID.randomUUID().toString());
        ServiceAccountId late = new ServiceAccountId(UUID.randomUUID().toString());
        ViewsAgainstStore views = new ViewsAgainstStore(querySide);
        Instant stamped = Instant.now();
        store.publish(event(early, 0, created(early, company), Instant.now()));
        views.assertEveryViewIsTheFold(List.of(early.value()), Duration.ofSeconds(30));

        // stamped before the commit above, visible only now: a unit of work that stalled between applying its
        // event and inserting its commit (a GC pause, a slow disk, a conflict retry's wait)
        store.publish(event(late, 0, created(late, company), stamped.minusSeconds(5)));

        views.assertEveryViewIsTheFold(List.of(early.value(), late.value()), Duration.ofSeconds(30));
        assertThat(views.fold(late.value())).isPresent();
    }

    private static GenericDomainEventMessage<Object> event(ServiceAccountId account, long sequence, Object payload,
                                                           Instant at) {
        return new GenericDomainEventMessage<>("ServiceAccount", account.value(), sequence, payload, Map.of(),
                UUID.randomUUID().toString(), at);
    }

    private static ServiceAccountCreatedEvent created(ServiceAccountId account, CompanyId company) {
        Instant now = Instant.now();
        String suffix = account.value().replace("-", "");
        return new ServiceAccountCreatedEvent(account, company, "burst", AppType.CUSTOM, null,
                new ClientId("burst" + suffix), new HashedSecret(new SecretId("s-" + suffix.substring(0, 12)),
                "{sa-sha256}not-a-real-hash", now, null), new ContactId(UUID.randomUUID().toString()),
                "sa-" + suffix.substring(0, 16) + "@service-accounts.invalid", now);
    }

    private static CompanyPermissionGrantedEvent granted(ServiceAccountId account, CompanyId company) {
        return new CompanyPermissionGrantedEvent(account, company, CompanyTool.DOCUMENTS, PermissionLevel.READ_ONLY,
                PermissionLevel.NONE);
    }
}
