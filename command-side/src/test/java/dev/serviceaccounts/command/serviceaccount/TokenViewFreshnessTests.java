package dev.serviceaccounts.command.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.serviceaccounts.command.config.ServiceAccountsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A command that wrote service-account events waits until every live query-side instance acknowledged the
 * last of them, bounded: instances without a recent heartbeat, other aggregates' events and rolled-back
 * commands are not waited for; a wait that runs out is counted.
 */
class TokenViewFreshnessTests {

    private static final String ACCOUNT = TestServiceAccounts.ID.value();

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();
    private final MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    private final MongoTemplate mongo = new MongoTemplate(client, "test");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TokenViewFreshness freshness = new TokenViewFreshness(mongo, Clock.systemUTC(), meters,
            new ServiceAccountsProperties("service-accounts.invalid", new ServiceAccountsProperties.TokenViews(Duration.ofMillis(100),
                    Duration.ofMillis(2), Duration.ofSeconds(3)), ""));

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void whenEveryLiveInstanceAcknowledgedThenAnsweredWithoutTimeout() {
        live("a");
        live("b");
        acknowledged("a", 4);
        acknowledged("b", 5);

        freshness.awaitTokenViews(commandWriting("ServiceAccount", 4));

        assertThat(timeouts()).isZero();
    }

    @Test
    void whenALiveInstanceHasNotAcknowledgedThenTheWaitRunsOutAndIsCounted() {
        live("a");
        live("b");
        acknowledged("a", 4);
        acknowledged("b", 3);

        freshness.awaitTokenViews(commandWriting("ServiceAccount", 4));

        assertThat(timeouts()).isEqualTo(1);
    }

    @Test
    void whenAnInstanceAcknowledgedOnlyAnotherAccountThenTheWaitRunsOut() {
        live("a");
        live("b");
        acknowledged("a", 4);
        mongo.getCollection(TokenViewFreshness.ACKNOWLEDGEMENTS).insertOne(new Document("_id", "b/another-account")
                .append("instance", "b").append("aggregateId", "another-account").append("sequence", 9));

        freshness.awaitTokenViews(commandWriting("ServiceAccount", 4));

        assertThat(timeouts()).isEqualTo(1);
    }

    @Test
    void whenInstanceSilentThenNotWaitedFor() {
        live("a");
        mongo.getCollection(TokenViewFreshness.INSTANCES).insertOne(new Document("_id", "gone")
                .append("lastSeen", Date.from(Instant.now().minusSeconds(60))));
        acknowledged("a", 4);

        freshness.awaitTokenViews(commandWriting("ServiceAccount", 4));

        assertThat(timeouts()).isZero();
    }

    @Test
    void whenCommandWroteOnlyOtherAggregatesEventsThenNotWaitedFor() {
        live("a");

        freshness.awaitTokenViews(commandWriting("Person", 0));

        assertThat(timeouts()).isZero();
    }

    @Test
    void whenCommandRolledBackThenNothingToWaitFor() {
        live("a");
        CommandMessage<Object> command = GenericCommandMessage.asCommandMessage("rolled back");
        DefaultUnitOfWork<CommandMessage<Object>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        record(event("ServiceAccount", 4));
        unitOfWork.rollback();

        freshness.awaitTokenViews(command.getIdentifier());

        assertThat(timeouts()).isZero();
    }

    private String commandWriting(String aggregateType, long lastSequence) {
        CommandMessage<Object> command = GenericCommandMessage.asCommandMessage("a command");
        DefaultUnitOfWork<CommandMessage<Object>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        for (long sequence = 0; sequence <= lastSequence; sequence++) {
            record(event(aggregateType, sequence));
        }
        unitOfWork.commit();
        return command.getIdentifier();
    }

    private void record(EventMessage<?> event) {
        freshness.eventRecorder().handle(List.of(event)).apply(0, event);
    }

    private static EventMessage<?> event(String aggregateType, long sequence) {
        return new GenericDomainEventMessage<>(aggregateType, ACCOUNT, sequence, "payload");
    }

    private void live(String instance) {
        mongo.getCollection(TokenViewFreshness.INSTANCES).insertOne(new Document("_id", instance)
                .append("lastSeen", new Date()));
    }

    private void acknowledged(String instance, long sequence) {
        mongo.getCollection(TokenViewFreshness.ACKNOWLEDGEMENTS).insertOne(new Document("_id", instance + "/" + ACCOUNT)
                .append("instance", instance).append("aggregateId", ACCOUNT).append("sequence", sequence));
    }

    private double timeouts() {
        return meters.counter(TokenViewFreshness.TIMEOUTS).count();
    }
}
