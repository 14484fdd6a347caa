package dev.serviceaccounts.query.config;

import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentpercommit.DocumentPerCommitStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Reads the Axon MongoDB event store that the command side writes (same storage strategy), and keeps
 * tracking tokens in MongoDB so that query-side instances share segments and resume after a restart.
 * The event store is polled every {@code service-accounts.event-fetch-delay} when caught up, which
 * bounds how stale the token-eligibility view can be.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonMongoConfiguration {

    /** Axon's own template over the database of {@code spring.data.mongodb.uri}. */
    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabaseFactory databaseFactory) {
        return DefaultMongoTemplate.builder().mongoDatabase(databaseFactory.getMongoDatabase()).build();
    }

    /** The command side's event storage, read as JSON. */
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

    /** The event store the tracking processors stream from, polled at the configured delay. */
    @Bean
    public EventStore eventStore(EventStorageEngine eventStorageEngine, Configuration configuration,
                                 ServiceAccountsProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .fetchDelay(properties.eventFetchDelay().toMillis())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .build();
    }

    /**
     * Tracking tokens in MongoDB. The node id is set explicitly: Axon's default ({@code pid@host})
     * collides when both apps share a JVM or host (docs/design.md §9).
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                                 ServiceAccountsProperties properties) {
        String nodeId = properties.nodeId().isBlank() ? "query-side-" + UUID.randomUUID() : properties.nodeId();
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(nodeId)
                .build();
    }
}
