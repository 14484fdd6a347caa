package dev.serviceaccounts.command.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.ReplaceOptions;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * commands are not waited for; a wait that runs out is counted. One poller serves all waiting commands and wakes
 * each only once its own sequences are acknowledged.
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
        freshness.close();
        client.close();
        server.shutdownNow();
    }

    @Test
    void whenTwoCommandsWaitThenEachIsWokenOnlyOnceItsOwnSequencesAreAcknowledged() throws Exception {
        TokenViewFreshness patient = new TokenViewFreshness(mongo, Clock.systemUTC(), meters,
                new ServiceAccountsProperties("service-accounts.invalid", new ServiceAccountsProperties.TokenViews(
                        Duration.ofSeconds(20), Duration.ofMillis(2), Duration.ofSeconds(3)), ""));
        try {
            live("a");
            live("b");
            String first = commandWriting(patient, "ServiceAccount", "first", 2);
            String second = commandWriting(patient, "ServiceAccount", "second", 1);
            CompletableFuture<Void> firstAnswered = CompletableFuture.runAsync(() -> patient.awaitTokenViews(first));
            CompletableFuture<Void> secondAnswered = CompletableFuture.runAsync(() -> patient.awaitTokenViews(second));

            acknowledged("a", "first", 2);
            acknowledged("b", "first", 1);
            acknowledged("a", "second", 1);
            Thread.sleep(100);
            assertThat(firstAnswered).isNotDone();
            assertThat(secondAnswered).isNotDone();

            acknowledged("b", "first", 2);
            firstAnswered.get(10, TimeUnit.SECONDS);
            Thread.sleep(100);
            assertThat(secondAnswered).isNotDone();

            acknowledged("b", "second", 1);
            secondAnswered.get(10, TimeUnit.SECONDS);
            assertThat(timeouts()).isZero();
        } finally {
            patient.close();
        }
    }

    @Test
    void whenTheAcknowledgementsCannotBeReadThenTheWaitFailsWithThatError() {
        live("a");
        String command = commandWriting("ServiceAccount", 4);
        client.close();

        assertThatThrownBy(() -> freshness.awaitTokenViews(command)).isInstanceOf(IllegalStateException.class);
        assertThat(timeouts()).isZero();
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
        return commandWriting(freshness, aggregateType, ACCOUNT, lastSequence);
    }

    private static String commandWriting(TokenViewFreshness freshness, String aggregateType, String aggregateId,
                                         long lastSequence) {
        CommandMessage<Object> command = GenericCommandMessage.asCommandMessage("a command");
        DefaultUnitOfWork<CommandMessage<Object>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        for (long sequence = 0; sequence <= lastSequence; sequence++) {
            record(freshness, event(aggregateType, aggregateId, sequence));
        }
        unitOfWork.commit();
        return command.getIdentifier();
    }

    private void record(EventMessage<?> event) {
        record(freshness, event);
    }

    private static void record(TokenViewFreshness freshness, EventMessage<?> event) {
        freshness.eventRecorder().handle(List.of(event)).apply(0, event);
    }

    private static EventMessage<?> event(String aggregateType, long sequence) {
        return event(aggregateType, ACCOUNT, sequence);
    }

    private static EventMessage<?> event(String aggregateType, String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, "payload");
    }

    private void live(String instance) {
        mongo.getCollection(TokenViewFreshness.INSTANCES).insertOne(new Document("_id", instance)
                .append("lastSeen", new Date()));
    }

    private void acknowledged(String instance, long sequence) {
        acknowledged(instance, ACCOUNT, sequence);
    }

    private void acknowledged(String instance, String account, long sequence) {
        mongo.getCollection(TokenViewFreshness.ACKNOWLEDGEMENTS).replaceOne(
                new Document("_id", instance + "/" + account), new Document("_id", instance + "/" + account)
                        .append("instance", instance).append("aggregateId", account).append("sequence", sequence),
                new ReplaceOptions().upsert(true));
    }

    private double timeouts() {
        return meters.counter(TokenViewFreshness.TIMEOUTS).count();
    }
}
