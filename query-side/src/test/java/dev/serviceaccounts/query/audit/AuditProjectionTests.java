package dev.serviceaccounts.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.PlatformEvent;
import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.marketplace.MarketplaceAppRegisteredEvent;
import org.bson.Document;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestPeople;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/** The audit history's projection: each event through Axon's handler adapter, then read back from MongoDB. */
class AuditProjectionTests {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    private InMemoryMongo mongo;
    private AuditEvents entries;
    private AnnotationEventHandlerAdapter projection;
    private final Map<String, Long> sequences = new HashMap<>();
    private final TestServiceAccounts account = TestServiceAccounts.custom().named("sync");

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        entries = new AuditEvents(mongo.template());
        projection = new AnnotationEventHandlerAdapter(new AuditProjection(entries));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenSharedApiScannedThenEveryEventIsAKnownTypeThatNamesItsCompanyOrIsAPlatformEvent() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Event")));
        Set<Class<?>> events = scanner.findCandidateComponents("dev.serviceaccounts.api").stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> ClassUtils.resolveClassName(name, getClass().getClassLoader()))
                .collect(Collectors.toSet());

        assertThat(events).as("the scan finds the events").hasSizeGreaterThanOrEqualTo(18);
        assertThat(events).allSatisfy(event -> assertThat(CompanyScopedEvent.class.isAssignableFrom(event)
                || PlatformEvent.class.isAssignableFrom(event)).as(event.getSimpleName() + " names its company")
                .isTrue());
        assertThat(events).filteredOn(PlatformEvent.class::isAssignableFrom).as("the platform events")
                .containsExactly(MarketplaceAppRegisteredEvent.class);
        assertThat(Set.copyOf(AuditEventTypes.all().values())).isEqualTo(events);
    }

    @Test
    void whenEveryEventTypeThenOneEntryOfItsTypeAggregateAndCompanyAndNoHash() {
        String company = UUID.randomUUID().toString();
        List<String> companyEvents = AuditEventTypes.all().entrySet().stream()
                .filter(type -> CompanyScopedEvent.class.isAssignableFrom(type.getValue())).map(Map.Entry::getKey)
                .toList();
        for (String type : companyEvents) {
            deliver(UUID.randomUUID().toString(), SampleEvents.of(AuditEventTypes.all().get(type), company), Map.of());
        }

        List<AuditEntry> found = all(company);
        assertThat(found).extracting(AuditEntry::type).containsExactlyElementsOf(companyEvents);
        assertThat(found).allSatisfy(entry -> {
            assertThat(entry.companyIds()).containsExactly(company);
            assertThat(entry.aggregateType()).isEqualTo("Test");
            assertThat(entry.payload()).as(entry.type()).doesNotContain(SampleEvents.HASH).doesNotContain("sa-sha256")
                    .contains("\"companyId\":\"" + company + "\"");
        });
        assertThat(found.stream().filter(entry -> entry.payload().contains("\"hash\"")).map(AuditEntry::type))
                .as("the events that carry a secret show its hash redacted")
                .contains("ServiceAccountCreatedEvent", "ClientSecretResetEvent", "ClientSecretRotatedEvent")
                .allSatisfy(type -> assertThat(found.stream().filter(entry -> entry.type().equals(type)).findFirst()
                        .orElseThrow().payload()).contains("\"hash\":\"" + AuditPayloads.REDACTED + "\""));
    }

    @Test
    void whenCreatedThenEntryWithTimeActorRequestIdAndReadablePayload() {
        deliver(account.id(), account.created(), Map.of("actor", "operator", "requestId", "req-1"));

        AuditEntry entry = all(account.companyId()).get(0);
        assertThat(entry.time()).isEqualTo(AT.plusSeconds(1));
        assertThat(entry.actor()).isEqualTo("operator");
        assertThat(entry.requestId()).isEqualTo("req-1");
        assertThat(entry.type()).isEqualTo("ServiceAccountCreatedEvent");
        assertThat(entry.aggregateId()).isEqualTo(account.id());
        assertThat(entry.sortKey()).isEqualTo(1);
        assertThat(entry.payload()).contains("\"serviceAccountId\":\"" + account.id() + "\"")
                .contains("\"clientId\":\"" + account.clientId() + "\"").contains("\"name\":\"sync\"")
                .contains("\"createdAt\":\"2025-01-01T10:00:00Z\"")
                .doesNotContain(TestServiceAccounts.secret("x", account.firstSecret(), AT).hash().substring(0, 20));
    }

    @Test
    void whenMarketplaceAppRegisteredThenOneEntryWithActorInNoCompany() {
        String company = UUID.randomUUID().toString();
        deliver("marketplace-app:timesheets", new MarketplaceAppRegisteredEvent("timesheets", "Timesheets", AT),
                Map.of("actor", "operator", "requestId", "req-7"));

        List<Document> stored = mongo.template().findAll(Document.class, AuditEvents.COLLECTION);
        assertThat(stored).singleElement().satisfies(entry -> {
            assertThat(entry.getString("type")).isEqualTo("MarketplaceAppRegisteredEvent");
            assertThat(entry.getString("actor")).isEqualTo("operator");
            assertThat(entry.getString("requestId")).isEqualTo("req-7");
            // no field rather than an empty list: an empty array would switch the embedded store's company indexes off
            assertThat(entry).doesNotContainKey("companyIds");
            assertThat(entry.getString("payload")).contains("\"name\":\"Timesheets\"");
        });
        assertThat(all(company)).isEmpty();
    }

    @Test
    void whenEventsOfAnAccountThenEachOneEntryInOrder() {
        deliver(account.id(), account.created(), Map.of());
        deliver(account.id(), account.granted(CompanyTool.DOCUMENTS, PermissionLevel.READ_ONLY), Map.of());
        deliver(account.id(), account.projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.STANDARD)), Map.of());
        deliver(account.id(), account.rotated(TestServiceAccounts.secret(UUID.randomUUID().toString(), "s2", AT),
                account.firstSecretId(), AT.plusSeconds(3600)), Map.of());
        deliver(account.id(), account.deactivated(), Map.of());

        assertThat(all(account.companyId())).extracting(AuditEntry::type, AuditEntry::sortKey).containsExactly(
                Tuple.tuple("ServiceAccountCreatedEvent", 1L),
                Tuple.tuple("CompanyPermissionGrantedEvent", 2L),
                Tuple.tuple("ProjectMembershipSetEvent", 3L),
                Tuple.tuple("ClientSecretRotatedEvent", 4L),
                Tuple.tuple("ServiceAccountDeactivatedEvent", 5L));
    }

    @Test
    void whenRedeliveredThenWrittenOnce() throws Exception {
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>("ServiceAccount", account.id(),
                0, account.created(), Map.of(), UUID.randomUUID().toString(), AT);

        projection.handle(message);
        projection.handle(message);
        deliver(account.id(), account.deactivated(), Map.of());

        assertThat(all(account.companyId())).extracting(AuditEntry::type)
                .containsExactly("ServiceAccountCreatedEvent", "ServiceAccountDeactivatedEvent");
    }

    @Test
    void whenContactAddedToAnotherDirectoryThenBothCompaniesSeeIt() {
        String other = UUID.randomUUID().toString();
        deliver(account.id(), account.created(), Map.of());
        deliver(account.id(), account.addedToDirectory(other), Map.of());

        assertThat(all(other)).extracting(AuditEntry::type).containsExactly("ContactAddedToDirectoryEvent");
        assertThat(all(account.companyId())).extracting(AuditEntry::type)
                .containsExactly("ServiceAccountCreatedEvent", "ContactAddedToDirectoryEvent");
    }

    @Test
    void whenPersonAndCompanyEventsThenEntriesOfTheirCompany() {
        String company = UUID.randomUUID().toString();
        TestPeople person = TestPeople.person().inCompany(company);
        deliver("Company", company, new CompanyCreatedEvent(new CompanyId(company), "Acme"), Map.of());
        deliver("Person", person.contactId(), person.created(), Map.of());
        deliver("Person", person.contactId(), person.deactivated(), Map.of());

        assertThat(all(company)).extracting(AuditEntry::type)
                .containsExactly("CompanyCreatedEvent", "PersonCreatedEvent", "PersonDeactivatedEvent");
    }

    @Test
    void whenEventOfNoAggregateThenEntryWithoutAggregate() throws Exception {
        projection.handle(GenericEventMessage.asEventMessage(account.deleted()));

        AuditEntry entry = all(account.companyId()).get(0);
        assertThat(entry.aggregateId()).isNull();
        assertThat(entry.type()).isEqualTo("ServiceAccountDeletedEvent");
    }

    @Test
    void whenResetThenEmpty() throws Exception {
        deliver(account.id(), account.created(), Map.of());

        projection.prepareReset();

        assertThat(all(account.companyId())).isEmpty();
    }

    private void deliver(String aggregateId, Object event, Map<String, ?> metaData) {
        deliver(aggregateId.equals(account.id()) ? "ServiceAccount" : "Test", aggregateId, event, metaData);
    }

    private void deliver(String aggregateType, String aggregateId, Object event, Map<String, ?> metaData) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        try {
            projection.handle(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, event, metaData,
                    UUID.randomUUID().toString(), AT.plusSeconds(sequence + 1)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<AuditEntry> all(String company) {
        return entries.findPage(company, AuditQuery.parse(new AuditParameters(null, null, null, null, null,
                "oldest", null, "100"))).items();
    }
}
