package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestProperties;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After this instance's processor applied an event of an account in its view, the command side can read
 * that the instance has it: the highest sequence number per instance and account, once the batch
 * committed; nothing for other aggregates, old events (a replay) or a batch that failed.
 */
class TokenViewAcknowledgementsTests {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final TestServiceAccounts account = TestServiceAccounts.custom();
    private final TokenEligibilityView view = new TokenEligibilityView();
    private final QueryInstanceRegistration registration =
            new QueryInstanceRegistration(mongo.template(), Clock.systemUTC(), TestProperties.properties());
    private final TokenViewAcknowledgements acknowledgements = new TokenViewAcknowledgements(mongo.template(), view,
            registration, Clock.systemUTC(), TestProperties.properties());

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenEventsOfAnAccountInTheViewAppliedThenTheHighestSequenceAcknowledged() throws Exception {
        new TokenEligibilityProjection(view).on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        applied(event(account.id(), 2, Instant.now()), true);
        applied(event(account.id(), 1, Instant.now()), true);

        assertThat(acknowledged(account.id())).isEqualTo(2L);
    }

    @Test
    void whenEventOfAnotherAggregateThenNotAcknowledged() throws Exception {
        String person = UUID.randomUUID().toString();

        applied(event(person, 0, Instant.now()), true);

        assertThat(acknowledged(person)).isNull();
    }

    @Test
    void whenEventOlderThanTheHorizonThenNotAcknowledged() throws Exception {
        new TokenEligibilityProjection(view).on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        applied(event(account.id(), 1, Instant.now().minusSeconds(3600)), true);

        assertThat(acknowledged(account.id())).isNull();
    }

    @Test
    void whenBatchRolledBackThenNotAcknowledged() throws Exception {
        new TokenEligibilityProjection(view).on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        applied(event(account.id(), 1, Instant.now()), false);

        assertThat(acknowledged(account.id())).isNull();
    }

    private void applied(EventMessage<?> event, boolean commit) throws Exception {
        DefaultUnitOfWork<EventMessage<?>> batch = DefaultUnitOfWork.startAndGet(event);
        acknowledgements.interceptor().handle(batch, () -> null);
        if (commit) {
            batch.commit();
        } else {
            batch.rollback();
        }
    }

    private static EventMessage<?> event(String aggregateId, long sequence, Instant at) {
        return new GenericDomainEventMessage<>("ServiceAccount", aggregateId, sequence, "payload", Map.of(),
                UUID.randomUUID().toString(), at);
    }

    private Long acknowledged(String aggregateId) {
        Document ack = mongo.template().getCollection(TokenViewAcknowledgements.COLLECTION)
                .find(new Document("_id", registration.instanceId() + "/" + aggregateId)).first();
        return ack == null ? null : ack.getLong("sequence");
    }
}
