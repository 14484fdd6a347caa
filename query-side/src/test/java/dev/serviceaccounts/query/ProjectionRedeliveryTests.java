package dev.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.query.audit.AuditEvents;
import dev.serviceaccounts.query.audit.AuditProjection;
import dev.serviceaccounts.query.company.CompanyProjection;
import dev.serviceaccounts.query.company.KnownCompanies;
import dev.serviceaccounts.query.directory.DirectoryContacts;
import dev.serviceaccounts.query.directory.DirectoryProjection;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountProjection;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountViews;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestPeople;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import dev.serviceaccounts.query.token.EligibleClient;
import dev.serviceaccounts.query.token.InstanceTokenEligibilityProjection;
import dev.serviceaccounts.query.token.StoredTokenEligibilityProjection;
import dev.serviceaccounts.query.token.TokenEligibilityCollection;
import dev.serviceaccounts.query.token.TokenEligibilityView;
import dev.serviceaccounts.query.view.ViewBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Delivery is at least once (the embedded MongoDB has no transactions: a processor may apply a batch and die
 * before it stores its token, then deliver the batch again). Every query-side projection, driven through Axon's
 * handler adapter by one realistic history holding every event type it handles, ends with the same documents
 * (field by field, every collection) and the same in-memory token view whether each event is delivered once,
 * twice in a row, or again after later events (after each new event: the first, a middle and the previous one);
 * and the same when the events come in a tracking processor's batches ({@link ViewBatch}: each batch's writes at
 * its end, docs/decisions.md D42), batches delivered again included.
 */
class ProjectionRedeliveryTests {

    private static final String HOME = UUID.randomUUID().toString();
    private static final String FOREIGN = UUID.randomUUID().toString();

    @Test
    void whenEveryEventDeliveredTwiceInARowThenSameViewsAsOnce() {
        List<DomainEventMessage<?>> history = history();
        Views once = deliver(history, Function.identity());

        Views twice = deliver(history, events -> events.stream().flatMap(e -> List.of(e, e).stream()).toList());

        assertThat(twice.documents).isEqualTo(once.documents);
        assertThat(twice.tokenView).isEqualTo(once.tokenView);
    }

    @Test
    void whenEarlierEventsDeliveredAgainAfterLaterOnesThenSameViewsAsOnce() {
        List<DomainEventMessage<?>> history = history();
        Views once = deliver(history, Function.identity());

        Views replayed = deliver(history, events -> {
            List<DomainEventMessage<?>> deliveries = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                deliveries.add(events.get(i));
                if (i > 0) {
                    deliveries.addAll(List.of(events.get(0), events.get(i / 2), events.get(i - 1)));
                }
            }
            return deliveries;
        });

        assertThat(replayed.documents).isEqualTo(once.documents);
        assertThat(replayed.tokenView).isEqualTo(once.tokenView);
    }

    @Test
    void whenDeliveredInBatchesThenSameViewsAsOneByOne() {
        List<DomainEventMessage<?>> history = history();
        Views once = deliver(history, Function.identity());

        for (int size : new int[] {1, 4, 7, history.size()}) {
            Views batched = deliver(history, Function.identity(), size);

            assertThat(batched.documents).as("batches of %d", size).isEqualTo(once.documents);
            assertThat(batched.tokenView).as("batches of %d", size).isEqualTo(once.tokenView);
        }
    }

    @Test
    void whenBatchesDeliveredAgainThenSameViewsAsOnce() {
        List<DomainEventMessage<?>> history = history();
        Views once = deliver(history, Function.identity());

        Views twice = deliver(history, events -> {
            List<DomainEventMessage<?>> deliveries = new ArrayList<>();
            for (int start = 0; start < events.size(); start += 5) {
                List<DomainEventMessage<?>> batch = events.subList(start, Math.min(events.size(), start + 5));
                deliveries.addAll(batch);
                deliveries.addAll(batch);
            }
            return deliveries;
        }, 5);
        Views overlapping = deliver(history, events -> {
            List<DomainEventMessage<?>> deliveries = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                deliveries.add(events.get(i));
                deliveries.add(events.get(i / 2));
            }
            return deliveries;
        }, 6);

        assertThat(twice.documents).isEqualTo(once.documents);
        assertThat(twice.tokenView).isEqualTo(once.tokenView);
        assertThat(overlapping.documents).isEqualTo(once.documents);
        assertThat(overlapping.tokenView).isEqualTo(once.tokenView);
    }

    @Test
    void whenBatchFailsThenNoneOfItsWritesAreStored() {
        List<DomainEventMessage<?>> history = history();
        try (InMemoryMongo mongo = new InMemoryMongo()) {
            List<AnnotationEventHandlerAdapter> projections = projections(mongo, new TokenEligibilityView());
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(history));
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                    List.of(new ViewBatch()), message -> {
                        handle(projections, message);
                        if (unitOfWork.isLastMessage()) {
                            throw new IllegalStateException("the batch fails at its last event");
                        }
                        return null;
                    }).proceed());

            assertThat(result.isExceptional()).isTrue();
            // a company is written at once: an upsert of its one event, the same however often it comes
            assertThat(mongo.template().getCollectionNames()).filteredOn(collection -> !collection.equals("companies"))
                    .isNotEmpty().allSatisfy(collection ->
                    assertThat(mongo.template().getCollection(collection).countDocuments()).as(collection).isZero());
        }
    }

    @Test
    void whenHistoryDeliveredThenEveryViewHoldsItsEnd() {
        Views once = deliver(history(), Function.identity());

        assertThat(once.documents.keySet()).contains("audit_events", "companies", "directory_contacts",
                "service_accounts", "token_eligibility");
        assertThat(once.documents.values()).allSatisfy(documents -> assertThat(documents).isNotEmpty());
        assertThat(once.tokenView).hasSize(2);
    }

    /** What a run leaves: every collection's documents by {@code _id}, and the instance's token view. */
    private record Views(Map<String, List<Document>> documents, Map<String, EligibleClient> tokenView) {
    }

    private static Views deliver(List<DomainEventMessage<?>> history,
                                 Function<List<DomainEventMessage<?>>, List<DomainEventMessage<?>>> order) {
        return deliver(history, order, 0);
    }

    /**
     * @param batchSize 0: each event handled on its own, outside a unit of work; else the deliveries in batches of
     *                  this many, each in a {@link BatchingUnitOfWork} with the {@link ViewBatch} interceptor, as a
     *                  tracking processor delivers them
     */
    private static Views deliver(List<DomainEventMessage<?>> history,
                                 Function<List<DomainEventMessage<?>>, List<DomainEventMessage<?>>> order,
                                 int batchSize) {
        try (InMemoryMongo mongo = new InMemoryMongo()) {
            TokenEligibilityView tokenView = new TokenEligibilityView();
            List<AnnotationEventHandlerAdapter> projections = projections(mongo, tokenView);
            List<DomainEventMessage<?>> deliveries = order.apply(history);
            if (batchSize == 0) {
                deliveries.forEach(event -> handle(projections, event));
            }
            for (int start = 0; batchSize > 0 && start < deliveries.size(); start += batchSize) {
                BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(
                        new ArrayList<>(deliveries.subList(start, Math.min(deliveries.size(), start + batchSize))));
                ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(
                        unitOfWork, List.of(new ViewBatch()), message -> {
                            handle(projections, message);
                            return null;
                        }).proceed());
                if (result.isExceptional()) {
                    throw new IllegalStateException("Batch failed", result.exceptionResult());
                }
            }
            Map<String, List<Document>> documents = new TreeMap<>();
            for (String collection : mongo.template().getCollectionNames()) {
                documents.put(collection, mongo.template().getCollection(collection).find()
                        .sort(new Document("_id", 1)).into(new ArrayList<>()));
            }
            Map<String, EligibleClient> clients = history.stream()
                    .map(e -> tokenView.findByServiceAccount(e.getAggregateIdentifier()))
                    .flatMap(java.util.Optional::stream)
                    .collect(Collectors.toMap(EligibleClient::clientId, c -> c, (a, b) -> a, TreeMap::new));
            return new Views(documents, clients);
        }
    }

    private static List<AnnotationEventHandlerAdapter> projections(InMemoryMongo mongo, TokenEligibilityView tokenView) {
        return List.of(
                        new AuditProjection(new AuditEvents(mongo.template())),
                        new CompanyProjection(new KnownCompanies(mongo.template())),
                        new DirectoryProjection(new DirectoryContacts(mongo.template())),
                        new ServiceAccountProjection(new ServiceAccountViews(mongo.template())),
                        new StoredTokenEligibilityProjection(new TokenEligibilityCollection(mongo.template())),
                        new InstanceTokenEligibilityProjection(tokenView))
                .stream().map(AnnotationEventHandlerAdapter::new).toList();
    }

    private static void handle(List<AnnotationEventHandlerAdapter> projections, EventMessage<?> event) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                projection.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("Handler failed on " + event.getPayload(), e);
            }
        }
    }

    /**
     * Two companies, a person who changes email, joins and leaves the other directory, is deactivated and
     * reactivated; an account through every account event to its deletion; a second account left usable. The
     * aggregates' events are interleaved, each stream numbered from 0, one minute apart.
     */
    private static List<DomainEventMessage<?>> history() {
        TestPeople person = TestPeople.person().inCompany(HOME);
        TestServiceAccounts account = TestServiceAccounts.custom().inCompany(HOME);
        TestServiceAccounts live = TestServiceAccounts.custom().named("live").inCompany(HOME);
        Instant t1 = TestServiceAccounts.CREATED_AT.plusSeconds(3600);
        Instant t2 = t1.plusSeconds(3600);
        History history = new History();
        history.add(HOME, new CompanyCreatedEvent(new CompanyId(HOME), "Home"));
        history.add(FOREIGN, new CompanyCreatedEvent(new CompanyId(FOREIGN), "Foreign"));
        history.add(person.contactId(), person.created());
        history.add(account.id(), account.created());
        history.add(live.id(), live.created());
        history.add(account.id(), account.edited("renamed", AppType.CUSTOM, null));
        history.add(person.contactId(), person.emailChanged("changed@example.com"));
        history.add(account.id(), account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));
        history.add(live.id(), live.granted(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD));
        history.add(account.id(), account.granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN));
        history.add(person.contactId(), person.addedToDirectory(FOREIGN));
        history.add(account.id(), account.revoked(CompanyTool.DOCUMENTS));
        history.add(account.id(), account.projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)));
        history.add(account.id(), account.projectSet("p-2", Map.of(ProjectTool.BUDGET, PermissionLevel.ADMIN)));
        history.add(person.contactId(), person.removedFromDirectory(FOREIGN));
        history.add(account.id(), account.projectRemoved("p-2"));
        history.add(account.id(), account.rotated(secret("secret-2", t1), account.firstSecretId(), t2));
        history.add(live.id(), live.rotated(secret("live-2", t1), live.firstSecretId(), t2));
        history.add(account.id(), account.emailChanged(account.generatedEmail(), "x@example.com"));
        history.add(person.contactId(), person.deactivated());
        history.add(account.id(), account.addedToDirectory(FOREIGN));
        history.add(account.id(), account.deactivated());
        history.add(person.contactId(), person.reactivated());
        history.add(account.id(), account.reactivated());
        history.add(account.id(), account.emailChanged("x@example.com", account.generatedEmail()));
        history.add(account.id(), account.reset(secret("secret-3", t2), "secret-2", account.firstSecretId()));
        history.add(account.id(), account.removedFromDirectory(FOREIGN));
        history.add(live.id(), live.projectSet("p-3", Map.of(ProjectTool.RFIS, PermissionLevel.READ_ONLY)));
        history.add(account.id(), account.deleted());
        return history.events;
    }

    private static HashedSecret secret(String secretId, Instant at) {
        return TestServiceAccounts.secret(secretId, "plain-" + secretId, at);
    }

    /** Numbers each aggregate's events from 0 and stamps them one minute apart. */
    private static final class History {

        private final List<DomainEventMessage<?>> events = new ArrayList<>();
        private final Map<String, Long> sequences = new HashMap<>();
        private Instant clock = TestServiceAccounts.CREATED_AT;

        void add(String aggregateId, Object payload) {
            long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
            clock = clock.plusSeconds(60);
            events.add(new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence,
                    payload, Map.of(), UUID.randomUUID().toString(), clock));
        }
    }
}
