package dev.serviceaccounts.query.company;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The companies view: events through the handlers, then existence read back. */
class CompanyProjectionTests {

    private static final String COMPANY = UUID.randomUUID().toString();
    private static final Instant CREATED_AT = Instant.parse("2026-01-02T03:04:05.678Z");

    private InMemoryMongo mongo;
    private KnownCompanies companies;
    private CompanyProjection projection;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        companies = new KnownCompanies(mongo.template());
        projection = new CompanyProjection(companies);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenCompanyCreatedThenItExists() {
        new EventFeed(projection).publish(COMPANY, new CompanyCreatedEvent(new CompanyId(COMPANY), "Acme"));

        assertThat(companies.exists(COMPANY)).isTrue();
        assertThat(companies.exists(UUID.randomUUID().toString())).as("unknown").isFalse();
        assertThat(companies.exists("not-a-company")).as("malformed").isFalse();
        assertThat(companies.exists(null)).isFalse();
    }

    @Test
    void whenEventRedeliveredThenStillOneCompany() {
        CompanyCreatedEvent created = new CompanyCreatedEvent(new CompanyId(COMPANY), "Acme");
        projection.on(created, CREATED_AT);
        projection.on(created, CREATED_AT);

        assertThat(companies.exists(COMPANY)).isTrue();
        assertThat(mongo.template().getCollection(KnownCompanies.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void whenResetThenNoCompanyUntilReplayed() {
        CompanyCreatedEvent created = new CompanyCreatedEvent(new CompanyId(COMPANY), "Acme");
        projection.on(created, CREATED_AT);
        projection.reset();
        assertThat(companies.exists(COMPANY)).isFalse();

        projection.on(created, CREATED_AT);
        assertThat(companies.exists(COMPANY)).isTrue();
    }

    @Test
    void whenCompanyCreatedThenFoundWithNameAndEventTime() {
        new EventFeed(projection).publish(COMPANY, new CompanyCreatedEvent(new CompanyId(COMPANY), "Acme"));

        CompanyView found = companies.find(COMPANY).orElseThrow();
        assertThat(found.companyId()).isEqualTo(COMPANY);
        assertThat(found.name()).isEqualTo("Acme");
        assertThat(found.createdAt()).isEqualTo(TestServiceAccounts.CREATED_AT.plusSeconds(60));
        assertThat(companies.find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void whenPagedThenOrderedByIdWithCursorUntilTheEnd() {
        List<String> ids = List.of(id(1), id(2), id(3), id(4), id(5));
        ids.forEach(id -> projection.on(new CompanyCreatedEvent(new CompanyId(id), "Co " + id), CREATED_AT));

        CompanyPage first = companies.findPage(null, null, 2);
        CompanyPage second = companies.findPage(null, CompanyPage.decode(first.nextCursor()), 2);
        CompanyPage last = companies.findPage(null, CompanyPage.decode(second.nextCursor()), 2);

        assertThat(first.items()).extracting(CompanyView::companyId).containsExactly(id(1), id(2));
        assertThat(second.items()).extracting(CompanyView::companyId).containsExactly(id(3), id(4));
        assertThat(last.items()).extracting(CompanyView::companyId).containsExactly(id(5));
        assertThat(last.nextCursor()).isNull();
        assertThat(companies.findPage(id(3), null, 2).items()).extracting(CompanyView::companyId).containsExactly(id(3));
        assertThat(companies.findPage(id(3), id(3), 2).items()).isEmpty();
        assertThat(last.items().get(0).createdAt()).isEqualTo(CREATED_AT);
    }

    private static String id(int n) {
        return "00000000-0000-4000-8000-00000000000" + n;
    }
}
