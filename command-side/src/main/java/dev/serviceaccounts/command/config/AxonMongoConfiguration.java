package dev.serviceaccounts.command.config;

import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.DocumentPerCommitStorageStrategy;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * The Axon MongoDB event store (the extension has no Spring Boot autoconfiguration since 4.11,
 * docs/design.md §9). One commit is one document ({@link DocumentPerCommitStorageStrategy}), so a command
 * that applies several events stores all or none of them; the unique (aggregate id, sequence) index
 * gives optimistic concurrency between instances.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonMongoConfiguration {

    /** Axon's own template over the database of {@code spring.data.mongodb.uri}. */
    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabaseFactory databaseFactory) {
        return DefaultMongoTemplate.builder().mongoDatabase(databaseFactory.getMongoDatabase()).build();
    }

    /** Events as JSON, one document per commit; creates its indexes at start. */
    @Bean
    public EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(new DocumentPerCommitStorageStrategy())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /**
     * The event store used by the aggregates' repositories (the service-account feature registers on it the
     * note of which service-account events each command writes, for the wait on the query side's token views).
     */
    @Bean
    public EventStore eventStore(EventStorageEngine eventStorageEngine, Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .build();
    }
}
