package dev.serviceaccounts.support.axon;

import dev.serviceaccounts.support.config.CommonProperties;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.DocumentPerCommitStorageStrategy;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * The Axon MongoDB event store both sides use, the command side to write and the query side to read (the
 * extension has no Spring Boot auto-configuration since 4.11, docs/design.md §9). One commit is one document
 * ({@link DocumentPerCommitStorageStrategy}), so a command that applies several events stores all or none of
 * them; the unique (aggregate id, sequence) index gives optimistic concurrency between instances. Events are
 * JSON (the {@code axon.serializer.*} settings of each side). Runs before Axon's own auto-configuration, whose
 * default event bus then backs off.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass({MongoEventStorageEngine.class, MongoDatabaseFactory.class})
public class AxonMongoAutoConfiguration {

    /** How many decoded events of the latest tracked reads are kept for the streams that follow (D60). */
    static final int SHARED_READ_EVENTS = 10_000;

    /** How long a decoded batch is kept at most for the streams that follow (D60): not held once all have passed. */
    static final Duration SHARED_READ_KEPT_FOR = Duration.ofSeconds(30);

    /** Axon's own template over the database of {@code spring.data.mongodb.uri}. */
    @Bean
    @ConditionalOnMissingBean
    public MongoTemplate axonMongoTemplate(MongoDatabaseFactory databaseFactory) {
        return DefaultMongoTemplate.builder().mongoDatabase(databaseFactory.getMongoDatabase()).build();
    }

    /** Reads the stored shapes of events that changed shape (docs/design.md §7, docs/decisions.md D36). */
    @Bean
    public ServiceAccountCreatedEventUpcaster serviceAccountCreatedEventUpcaster() {
        return new ServiceAccountCreatedEventUpcaster();
    }

    /**
     * Events as JSON, one document per commit, read through every event upcaster bean of the app (in their order);
     * creates its indexes at start. A tracking read looks back {@code service-accounts.event-look-back} before the
     * newest event it has read, for commits that land later than their timestamp (Axon's default is one second,
     * which a stalled unit of work outlasts: docs/decisions.md D37), and only where such a commit can still land
     * ({@link SettledLookBackStorageStrategy}, D50: a rebuild from the first event reads each commit once and its
     * token holds a few ids, not the window's). A read returns at most
     * {@code service-accounts.event-batch-size} commits (Axon's default, 100, made a replay fetch ten times as
     * often: docs/decisions.md D42). Tracked reads are shared: streams at the same position (the query side's
     * processors, the event store's head cache) get the same decoded messages from one read of the store, the last
     * {@value #SHARED_READ_EVENTS} events kept for at most 30 s ({@link SharedReadMongoEventStorageEngine}, docs/decisions.md D60).
     */
    @Bean
    @ConditionalOnMissingBean
    public EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer, ObjectProvider<EventUpcaster> upcasters,
                                                 CommonProperties properties) {
        MongoEventStorageEngine engine = new SharedReadMongoEventStorageEngine(MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(new SettledLookBackStorageStrategy(properties.eventLookBack(), Clock.systemUTC()))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .batchSize(properties.eventBatchSize()), SHARED_READ_EVENTS,
                SHARED_READ_KEPT_FOR);
        engine.ensureIndexes();
        return engine;
    }

    /**
     * The event store of the aggregates' repositories and of the tracking processors, polled every
     * {@code service-accounts.event-fetch-delay} when caught up (which bounds how stale a view can be). Every
     * event dispatch interceptor bean of the app is registered on it, so that it sees each event as it is
     * stored (Axon also registers such beans on its event gateway, which publishes through this store).
     */
    @Bean
    @ConditionalOnMissingBean(EventBus.class)
    public EventStore eventStore(EventStorageEngine eventStorageEngine, Configuration configuration,
                                 CommonProperties properties,
                                 ObjectProvider<MessageDispatchInterceptor<? super EventMessage<?>>> interceptors) {
        EventStore store = EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .fetchDelay(properties.eventFetchDelay().toMillis())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .build();
        interceptors.orderedStream().forEach(store::registerDispatchInterceptor);
        return store;
    }
}
