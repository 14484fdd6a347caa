package dev.serviceaccounts.query.company;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.InMemoryMongo;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The companies view: events through the handlers, then existence read back. */
class CompanyProjectionTests {

    private static final String COMPANY = UUID.randomUUID().toString();

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
        projection.on(created);
        projection.on(created);

        assertThat(companies.exists(COMPANY)).isTrue();
        assertThat(mongo.template().getCollection(KnownCompanies.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void whenResetThenNoCompanyUntilReplayed() {
        CompanyCreatedEvent created = new CompanyCreatedEvent(new CompanyId(COMPANY), "Acme");
        projection.on(created);
        projection.reset();
        assertThat(companies.exists(COMPANY)).isFalse();

        projection.on(created);
        assertThat(companies.exists(COMPANY)).isTrue();
    }
}
