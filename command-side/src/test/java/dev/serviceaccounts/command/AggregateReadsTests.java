package dev.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads outside a command take no aggregate lock, and reuse a cached state only while the store's last sequence
 * number of the aggregate is still the cached version: an event appended by any instance is seen by the next read.
 */
class AggregateReadsTests {

    private static final String TYPE = Counter.class.getSimpleName();
    private static final AtomicInteger replayed = new AtomicInteger();

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();
    private final MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    private final Configuration axon = configuration();
    private final AggregateReads<Counter> reads = new AggregateReads<>(Counter.class, () -> axon);

    @AfterEach
    void tearDown() {
        axon.shutdown();
        client.close();
        server.shutdownNow();
    }

    @Test
    void whenNoSuchAggregateThenEmpty() {
        assertThat(reads.read("missing", Counter::count)).isEmpty();
    }

    @Test
    void whenNothingWasAppendedSinceTheLastReadThenTheCachedStateAnswersWithoutReplaying() {
        append("c", 0);
        append("c", 1);
        assertThat(reads.read("c", Counter::count)).contains(2);
        int replays = replayed.get();

        assertThat(reads.read("c", (counter, version) -> counter.count() + "@" + version)).contains("2@1");
        assertThat(replayed.get()).isEqualTo(replays);
    }

    @Test
    void whenAnotherInstanceAppendedThenTheNextReadSeesIt() {
        append("c", 0);
        assertThat(reads.read("c", Counter::count)).contains(1);

        append("c", 1);

        assertThat(reads.read("c", (counter, version) -> counter.count() + "@" + version)).contains("2@1");
    }

    @Test
    void whenACommandHoldsTheAggregateLockThenAReadStillAnswers() throws Exception {
        append("c", 0);
        UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
        try {
            axon.repository(Counter.class).load("c");

            Optional<Integer> read = CompletableFuture.supplyAsync(() -> reads.read("c", Counter::count))
                    .get(10, TimeUnit.SECONDS);

            assertThat(read).contains(1);
        } finally {
            command.rollback();
        }
    }

    private void append(String id, long sequence) {
        axon.eventStore().publish(new GenericDomainEventMessage<>(TYPE, id, sequence, new Incremented(id)));
    }

    private Configuration configuration() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
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
        return configuration;
    }

    /** An event of the test aggregate. */
    record Incremented(String id) {
    }

    /** A test aggregate: counts its events. */
    static class Counter {

        @AggregateIdentifier
        private String id;
        private int count;

        Counter() {
        }

        int count() {
            return count;
        }

        @EventSourcingHandler
        void on(Incremented event) {
            id = event.id();
            count++;
            replayed.incrementAndGet();
        }
    }
}
