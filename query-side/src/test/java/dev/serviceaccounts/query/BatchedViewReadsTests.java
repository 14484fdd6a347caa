package dev.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.query.audit.AuditEvents;
import dev.serviceaccounts.query.audit.AuditProjection;
import dev.serviceaccounts.query.directory.DirectoryContacts;
import dev.serviceaccounts.query.directory.DirectoryProjection;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountProjection;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountViews;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import dev.serviceaccounts.query.token.EligibleClient;
import dev.serviceaccounts.query.token.StoredTokenEligibilityProjection;
import dev.serviceaccounts.query.token.TokenEligibilityCollection;
import dev.serviceaccounts.query.view.ViewBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * docs/decisions.md D54: a tracking batch reads the view documents its events look up in one query per view (an
 * {@code $in} on the field the view is looked up by), not one per event, whatever the batch's size; the views end as
 * when the events come one by one ({@code ProjectionRedeliveryTests}).
 */
class BatchedViewReadsTests {

    private static final String HOME = UUID.randomUUID().toString();

    @Test
    void whenABatchChangesManyAccountsThenEachViewIsReadOnce() {
        List<TestServiceAccounts> accounts = IntStream.range(0, 40)
                .mapToObj(i -> TestServiceAccounts.custom().named("account " + i).inCompany(HOME)).toList();
        List<EventMessage<?>> created = new ArrayList<>();
        created.add(event(HOME, 0, new CompanyCreatedEvent(new CompanyId(HOME), "Home")));
        accounts.forEach(account -> created.add(event(account.id(), 0, account.created())));
        List<EventMessage<?>> changed = new ArrayList<>();
        accounts.forEach(account -> changed.add(event(account.id(), 1,
                account.granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN))));
        accounts.forEach(account -> changed.add(event(account.id(), 2,
                account.edited("renamed " + account.id(), AppType.CUSTOM, null))));
        Finds finds = new Finds();
        try (InMemoryMongo mongo = new InMemoryMongo(finds)) {
            List<AnnotationEventHandlerAdapter> projections = List.of(
                    new AuditProjection(new AuditEvents(mongo.template())),
                    new DirectoryProjection(new DirectoryContacts(mongo.template())),
                    new ServiceAccountProjection(new ServiceAccountViews(mongo.template())),
                    new StoredTokenEligibilityProjection(new TokenEligibilityCollection(mongo.template())))
                    .stream().map(AnnotationEventHandlerAdapter::new).toList();
            deliver(projections, created);
            finds.counts.clear();

            deliver(projections, changed);

            assertThat(finds.counts).containsEntry("token_eligibility", 1).containsEntry("service_accounts", 1)
                    .containsEntry("directory_contacts", 1);
            // the history: the entries already written, then the highest sort key (D42)
            assertThat(finds.counts).containsEntry("audit_events", 2);
            TokenEligibilityCollection tokens = new TokenEligibilityCollection(mongo.template());
            assertThat(accounts).allSatisfy(account -> assertThat(tokens.findByServiceAccount(account.id())
                    .map(EligibleClient::version)).isEqualTo(Optional.of(2L)));
            DirectoryContacts contacts = new DirectoryContacts(mongo.template());
            assertThat(accounts).allSatisfy(account -> assertThat(contacts.findByServiceAccount(account.id()))
                    .hasValueSatisfying(contact -> assertThat(contact.name()).isEqualTo("renamed " + account.id())));
        }
    }

    private static EventMessage<?> event(String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence, payload,
                Map.of(), UUID.randomUUID().toString(), TestServiceAccounts.CREATED_AT.plusSeconds(sequence * 60));
    }

    /** Delivers {@code events} as one tracking batch, each view written at its end ({@link ViewBatch}). */
    private static void deliver(List<AnnotationEventHandlerAdapter> projections, List<EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(events));
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new ViewBatch()), message -> {
                    for (AnnotationEventHandlerAdapter projection : projections) {
                        projection.handle(message);
                    }
                    return null;
                }).proceed());
        assertThat(result.isExceptional()).as("batch failed: %s", result).isFalse();
    }

    /** Counts the {@code find} commands per collection. */
    private static final class Finds implements CommandListener {

        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")) {
                counts.merge(((BsonString) event.getCommand().get("find")).getValue(), 1, Integer::sum);
            }
        }
    }
}
