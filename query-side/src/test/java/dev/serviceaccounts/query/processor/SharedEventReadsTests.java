package dev.serviceaccounts.query.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.support.axon.SettledLookBackStorageStrategy;
import dev.serviceaccounts.support.axon.SharedReadMongoEventStorageEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/decisions.md D60 with Axon's tracking processors on a real Mongo event store: processors reading the same
 * range read it from the store once between them, each still gets every event in order, however far behind, and a
 * processor whose handler fails does not hold the others back.
 */
class SharedEventReadsTests {

    private static final int EVENTS = 1_000;
    private static final int BATCH = 100;

    private final List<Integer> nonEmptyReads = new CopyOnWriteArrayList<>();
    private final List<TrackingEventProcessor> processors = new ArrayList<>();
    private InMemoryMongo mongo;
    private SharedReadMongoEventStorageEngine engine;
    private EmbeddedEventStore store;

    @BeforeEach
    void store() {
        mongo = new InMemoryMongo();
        DefaultMongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(mongo.template().getDb()).build();
        engine = new SharedReadMongoEventStorageEngine(MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .storageStrategy(new SettledLookBackStorageStrategy(Duration.ofSeconds(30), Clock.systemUTC()))
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .batchSize(BATCH), 10 * EVENTS, Duration.ofSeconds(30)) {
            @Override
            protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
                List<? extends TrackedEventData<?>> read = super.fetchTrackedEvents(lastToken, batchSize);
                if (!read.isEmpty()) {
                    nonEmptyReads.add(read.size());
                }
                return read;
            }
        };
        store = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(25).build();
    }

    @AfterEach
    void close() {
        processors.forEach(TrackingEventProcessor::shutDown);
        store.shutDown();
        mongo.close();
    }

    @Test
    void whenProcessorsReadTheSameRangeThenTheStoreIsReadOnceAndEachGetsEveryEventInOrder() {
        List<String> written = write(EVENTS, Instant.now().minus(Duration.ofDays(1)));
        List<String> fast = new CopyOnWriteArrayList<>();
        List<String> slow = new CopyOnWriteArrayList<>();
        List<String> slowest = new CopyOnWriteArrayList<>();

        start("fast", event -> fast.add(event.getIdentifier()));
        start("slow", event -> {
            pause(1);
            slow.add(event.getIdentifier());
        });
        start("slowest", event -> {
            pause(3);
            slowest.add(event.getIdentifier());
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> slowest.size() == EVENTS);
        assertThat(fast).containsExactlyElementsOf(written);
        assertThat(slow).containsExactlyElementsOf(written);
        assertThat(slowest).containsExactlyElementsOf(written);
        // each event read from the store once for the three, none of them a payload deserialised per processor
        assertThat(nonEmptyReads.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EVENTS);
    }

    @Test
    void whenProcessorsAreAtTheHeadThenANewCommitIsReadFromTheStoreOnceForAll() {
        List<String> written = write(10, Instant.now().minusSeconds(5));
        List<List<String>> seen = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        for (int i = 0; i < seen.size(); i++) {
            List<String> mine = seen.get(i);
            start("view-" + i, event -> mine.add(event.getIdentifier()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().allMatch(ids -> ids.size() == 10));
        nonEmptyReads.clear();

        List<String> all = new ArrayList<>(written);
        for (int i = 0; i < 20; i++) {
            String id = write(1, Instant.now()).get(0);
            all.add(id);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().allMatch(ids -> ids.contains(id)));
        }

        seen.forEach(ids -> assertThat(ids).containsExactlyElementsOf(all));
        // each new commit read once, by the event store's producer, whose cache all three processors follow
        assertThat(nonEmptyReads.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
    }

    @Test
    void whenAProcessorFallsBehindTheKeptEventsThenItStillGetsEveryEventInOrder() {
        List<String> written = write(EVENTS, Instant.now().minus(Duration.ofDays(1)));
        List<String> ahead = new CopyOnWriteArrayList<>();
        start("ahead", event -> ahead.add(event.getIdentifier()));
        await().atMost(Duration.ofSeconds(60)).until(() -> ahead.size() == EVENTS);
        List<String> later = new CopyOnWriteArrayList<>();

        start("later", event -> later.add(event.getIdentifier()));
        List<String> newer = write(50, Instant.now());

        await().atMost(Duration.ofSeconds(60)).until(() -> later.size() == EVENTS + 50 && ahead.size() == EVENTS + 50);
        List<String> all = new ArrayList<>(written);
        all.addAll(newer);
        assertThat(later).containsExactlyElementsOf(all);
        assertThat(ahead).containsExactlyElementsOf(all);
    }

    @Test
    void whenAProcessorsHandlerFailsThenTheOthersStillGetEveryEvent() {
        List<String> written = write(EVENTS, Instant.now().minus(Duration.ofDays(1)));
        String poisoned = written.get(EVENTS / 2);
        AtomicInteger failures = new AtomicInteger();
        List<String> failing = new CopyOnWriteArrayList<>();
        List<String> healthy = new CopyOnWriteArrayList<>();

        start("failing", event -> {
            if (event.getIdentifier().equals(poisoned)) {
                failures.incrementAndGet();
                throw new IllegalStateException("this view cannot apply " + poisoned);
            }
            failing.add(event.getIdentifier());
        });
        start("healthy", event -> healthy.add(event.getIdentifier()));

        await().atMost(Duration.ofSeconds(60)).until(() -> healthy.size() == EVENTS && failures.get() > 0);
        assertThat(healthy).containsExactlyElementsOf(written);
        assertThat(failing).doesNotContain(poisoned).isSubsetOf(written.subList(0, EVENTS / 2));
    }

    private void start(String name, java.util.function.Consumer<EventMessage<?>> handler) {
        EventMessageHandler handle = event -> {
            handler.accept(event);
            return null;
        };
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handle)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()).build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(BATCH)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        processors.add(processor);
        processor.start();
    }

    private List<String> write(int count, Instant first) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DomainEventMessage<?> event = new GenericDomainEventMessage<>("Thing", UUID.randomUUID().toString(), 0,
                    "payload-" + i, Map.of(), UUID.randomUUID().toString(), first.plusMillis(i));
            engine.appendEvents(List.of(event));
            ids.add(event.getIdentifier());
        }
        return ids;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
