package dev.serviceaccounts.command;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * An Axon event store on an in-memory MongoDB (one commit per document, the unique (aggregate id, sequence) index
 * as the command side has it), and Axon configurations over it, each standing for a command-side instance.
 */
final class CounterStore implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();
    private final MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final List<Configuration> started = new ArrayList<>();

    /** @return a started Axon configuration (one instance) with the counter aggregate, over this store */
    Configuration configuration() {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "test").build())
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        engine.ensureIndexes();
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(Counter.class)
                .buildConfiguration();
        configuration.start();
        started.add(configuration);
        return configuration;
    }

    /** Appends a counter's event as another instance would (its own commit). */
    void append(String id, long sequence) {
        Configuration any = started.isEmpty() ? configuration() : started.get(0);
        any.eventStore().publish(new GenericDomainEventMessage<>(Counter.class.getSimpleName(), id, sequence,
                new Counter.Incremented(id)));
    }

    @Override
    public void close() {
        started.forEach(Configuration::shutdown);
        client.close();
        server.shutdownNow();
    }
}
